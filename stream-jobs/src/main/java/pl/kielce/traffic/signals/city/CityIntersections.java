package pl.kielce.traffic.signals.city;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import pl.kielce.traffic.signals.model.Detector;
import pl.kielce.traffic.signals.model.Indication;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.signals.model.Step;
import pl.kielce.traffic.signals.model.TurnDirection;

/**
 * Loads a city's intersection model ({@code cities/<city>/intersections.xml}). Every error names
 * the file, the line and what to fix. Format: see the comment at the top of the Kielce file.
 */
public final class CityIntersections {
    /** A coordinated corridor: intersections in driving order and the progression speed. */
    public record Corridor(String id, String name, List<String> intersectionIds, double progressionSpeedKmh) {}

    public record CityModel(List<Intersection> intersections, List<Corridor> corridors) {}

    private CityIntersections() {}

    public static CityModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Handler h = new Handler(file);
            SAXParserFactory.newInstance().newSAXParser().parse(in, h);
            for (Corridor c : h.corridors) {
                for (String id : c.intersectionIds()) {
                    if (h.intersections.stream().noneMatch(x -> x.id().equals(id))) {
                        throw new IOException(file + ": corridor " + c.id() + " lists unknown intersection " + id);
                    }
                }
            }
            return new CityModel(List.copyOf(h.intersections), List.copyOf(h.corridors));
        } catch (SAXException e) {
            throw new IOException(e.getMessage(), e);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IOException(e);
        }
    }

    private static final class Handler extends DefaultHandler {
        final Path file;
        Locator locator;
        final List<Intersection> intersections = new ArrayList<>();
        final List<Corridor> corridors = new ArrayList<>();
        Attributes current;
        List<Movement> movements;
        List<Detector> detectors;
        List<String[]> steps; // id, kind, duration, min, max, green, permitted, yellow, line
        Attributes intersection;
        int intersectionLine;

        Handler(Path file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator l) {
            this.locator = l;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes a) throws SAXException {
            switch (qName) {
                case "corridor" -> corridors.add(new Corridor(req(a, "id"), a.getValue("name"),
                        list(req(a, "intersections")), num(a, "progressionSpeedKmh", 50)));
                case "intersection" -> {
                    intersection = new org.xml.sax.helpers.AttributesImpl(a);
                    intersectionLine = locator.getLineNumber();
                    movements = new ArrayList<>();
                    detectors = new ArrayList<>();
                    steps = new ArrayList<>();
                }
                case "movement" -> {
                    try {
                        List<TurnDirection> turns = list(req(a, "turns")).stream().map(TurnDirection::valueOf).toList();
                        movements.add(new Movement(req(a, "id"), req(a, "approach"), turns, (int) num(a, "lanes", 1),
                                num(a, "saturationFlowVehPerHour", Double.NaN), num(a, "minGreenSeconds", 5),
                                num(a, "pedestrianMinGreenSeconds", 0), List.of()));
                    } catch (IllegalArgumentException e) {
                        throw err(e.getMessage() + " (turns are " + Arrays.toString(TurnDirection.values()) + ")");
                    }
                }
                case "detector" -> detectors.add(new Detector(req(a, "id"), list(req(a, "movements"))));
                case "step" -> steps.add(new String[] {req(a, "id"), req(a, "kind"), req(a, "durationSeconds"),
                        a.getValue("minSeconds"), a.getValue("maxSeconds"), a.getValue("green"), a.getValue("permitted"),
                        a.getValue("yellow"), String.valueOf(locator.getLineNumber())});
                default -> { }
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) throws SAXException {
            if (!qName.equals("intersection")) return;
            List<Step> built = new ArrayList<>();
            List<String> ids = movements.stream().map(Movement::id).toList();
            for (String[] s : steps) {
                List<Indication> ind = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) ind.add(Indication.RED);
                set(ind, ids, s[5], Indication.PROTECTED_GREEN, s);
                set(ind, ids, s[6], Indication.PERMITTED_GREEN, s);
                set(ind, ids, s[7], Indication.YELLOW, s);
                try {
                    double d = Double.parseDouble(s[2]);
                    built.add(switch (s[1]) {
                        case "STAGE" -> new Step(s[0], Step.Kind.STAGE, d, s[3] == null ? 5 : Double.parseDouble(s[3]),
                                s[4] == null ? 999 : Double.parseDouble(s[4]), ind, null);
                        case "INTERGREEN" -> Step.intergreen(s[0], d, ind, null);
                        default -> throw new IllegalArgumentException("kind must be STAGE or INTERGREEN, was " + s[1]);
                    });
                } catch (IllegalArgumentException e) {
                    throw new SAXException(file + ":" + s[8] + ": step " + s[0] + ": " + e.getMessage());
                }
            }
            Attributes a = intersection;
            try {
                intersections.add(new Intersection(a.getValue("id"), a.getValue("name"), num(a, "lat", Double.NaN),
                        num(a, "lon", Double.NaN), movements, built, detectors, num(a, "minCycleSeconds", 40),
                        num(a, "maxCycleSeconds", 120), num(a, "offsetSeconds", 0),
                        a.getValue("corridors") == null ? List.of() : list(a.getValue("corridors"))));
            } catch (IllegalArgumentException e) {
                throw new SAXException(file + ":" + intersectionLine + ": " + e.getMessage());
            }
        }

        private void set(List<Indication> ind, List<String> ids, String names, Indication value, String[] step) throws SAXException {
            if (names == null || names.isBlank()) return;
            for (String n : list(names)) {
                int i = ids.indexOf(n);
                if (i < 0) throw new SAXException(file + ":" + step[8] + ": step " + step[0] + " names unknown movement '" + n
                        + "' (declare it with <movement id=\"" + n + "\" …> before the steps)");
                ind.set(i, value);
            }
        }

        private String req(Attributes a, String name) throws SAXException {
            String v = a.getValue(name);
            if (v == null || v.isBlank()) throw err("missing attribute " + name);
            return v;
        }

        private double num(Attributes a, String name, double def) throws SAXException {
            String v = a.getValue(name);
            if (v == null) {
                if (Double.isNaN(def) && !name.equals("lat") && !name.equals("lon")) throw err("missing attribute " + name);
                return def;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw err("attribute " + name + " must be a number, was '" + v + "'");
            }
        }

        private SAXException err(String msg) {
            return new SAXException(file + ":" + (locator == null ? "?" : locator.getLineNumber()) + ": " + msg);
        }

        private static List<String> list(String v) {
            return Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        }
    }
}
