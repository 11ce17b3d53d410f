package pl.kielce.traffic.signals.city;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pl.kielce.traffic.signals.model.Detector;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.signals.model.Step;

/**
 * The city's intersection model ({@code intersections.xml}) as the GeoJSON map layer the operator console draws
 * ({@code intersections.geojson} next to it): one Point per intersection (WGS84 lon/lat) with its approaches, detectors
 * and shipped fixed-time plan, and one LineString per coordinated corridor through its intersections in driving order.
 * The XML stays the single source: the GeoJSON is generated ({@code ./traffic signals export-geojson}) and a test
 * fails when the committed file and the XML disagree. Plain JDK (no JSON library), deterministic output.
 *
 * <p>Usage: {@code IntersectionsGeoJson [XML [OUT]] [--check]}; defaults {@code cities/kielce/intersections.xml} and
 * the {@code .geojson} beside it. {@code --check} writes nothing and exits 1 when OUT differs from the XML.
 */
public final class IntersectionsGeoJson {
    private IntersectionsGeoJson() {}

    /** The GeoJSON text for a model read from {@code source} (named in every feature as {@code source}). */
    public static String render(CityIntersections.CityModel model, String source) {
        List<Object> features = new ArrayList<>();
        Map<String, Intersection> byId = new LinkedHashMap<>();
        for (Intersection x : model.intersections()) {
            byId.put(x.id(), x);
            if (Double.isNaN(x.latitude()) || Double.isNaN(x.longitude())) {
                throw new IllegalArgumentException("intersection " + x.id() + " has no lat/lon: it cannot be drawn on the map");
            }
            features.add(feature(x.id(), point(x), intersectionProperties(x, source)));
        }
        for (CityIntersections.Corridor c : model.corridors()) {
            List<Object> line = new ArrayList<>();
            for (String id : c.intersectionIds()) {
                Intersection x = byId.get(id);
                line.add(List.of(x.longitude(), x.latitude()));
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("kind", "corridor");
            p.put("id", c.id());
            p.put("name", c.name() == null ? c.id() : c.name());
            p.put("intersections", c.intersectionIds());
            p.put("progressionSpeedKmh", c.progressionSpeedKmh());
            p.put("source", source);
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("type", "LineString");
            g.put("coordinates", line);
            features.add(feature(c.id(), g, p));
        }
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("type", "FeatureCollection");
        fc.put("generatedFrom", source);
        fc.put("generatedBy", "pl.kielce.traffic.signals.city.IntersectionsGeoJson (./traffic signals export-geojson)");
        fc.put("features", features);
        StringBuilder out = new StringBuilder();
        write(out, fc, 0);
        return out.append('\n').toString();
    }

    private static Map<String, Object> point(Intersection x) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("type", "Point");
        g.put("coordinates", List.of(x.longitude(), x.latitude()));
        return g;
    }

    private static Map<String, Object> feature(String id, Map<String, Object> geometry, Map<String, Object> properties) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "Feature");
        f.put("id", id);
        f.put("geometry", geometry);
        f.put("properties", properties);
        return f;
    }

    private static Map<String, Object> intersectionProperties(Intersection x, String source) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", "intersection");
        p.put("id", x.id());
        p.put("name", x.name());
        p.put("corridors", x.corridorIds());
        p.put("minCycleSeconds", x.minCycleSeconds());
        p.put("maxCycleSeconds", x.maxCycleSeconds());
        // the fixed-time plan the city data ships: the plan in force until an operator approves another
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("planId", "shipped:" + x.id());
        plan.put("cycleSeconds", x.currentCycleSeconds());
        plan.put("offsetSeconds", x.currentOffsetSeconds());
        List<Object> phases = new ArrayList<>();
        for (Step s : x.steps()) {
            if (!s.isStage()) continue;
            Map<String, Object> ph = new LinkedHashMap<>();
            ph.put("id", s.id());
            ph.put("greenSeconds", s.durationSeconds());
            ph.put("minSeconds", s.minSeconds());
            ph.put("maxSeconds", s.maxSeconds());
            phases.add(ph);
        }
        plan.put("phases", phases);
        plan.put("intergreenSeconds", x.intergreenSeconds());
        p.put("shippedPlan", plan);
        // approaches as the flow job names them (the movement's approach text), with their movements and capacity
        Map<String, Map<String, Object>> approaches = new LinkedHashMap<>();
        for (Movement m : x.movements()) {
            Map<String, Object> a = approaches.computeIfAbsent(m.approach(), k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("approach", k);
                n.put("movements", new ArrayList<String>());
                n.put("lanes", 0);
                n.put("saturationFlowVehPerHour", 0.0);
                return n;
            });
            @SuppressWarnings("unchecked")
            List<String> ms = (List<String>) a.get("movements");
            ms.add(m.id());
            a.put("lanes", (Integer) a.get("lanes") + m.laneCount());
            a.put("saturationFlowVehPerHour", (Double) a.get("saturationFlowVehPerHour") + m.saturationFlowVehPerHour());
        }
        p.put("approaches", new ArrayList<>(approaches.values()));
        List<Object> detectors = new ArrayList<>();
        for (Detector d : x.detectors()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", d.id());
            n.put("movements", d.movementIds());
            detectors.add(n);
        }
        p.put("detectors", detectors);
        p.put("source", source);
        return p;
    }

    // --- a minimal deterministic JSON writer: objects one key per line, arrays of scalars on one line ---------------

    private static void write(StringBuilder out, Object v, int indent) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pad(out, indent + 1);
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), indent + 1);
                out.append(++i < m.size() ? ",\n" : "\n");
            }
            pad(out, indent);
            out.append('}');
        } else if (v instanceof List<?> l) {
            boolean flat = l.stream().noneMatch(e -> e instanceof Map<?, ?> || (e instanceof List<?> sub && sub.stream().anyMatch(s -> s instanceof List<?>)));
            if (l.isEmpty() || flat) {
                out.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) out.append(", ");
                    write(out, l.get(i), indent);
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                pad(out, indent + 1);
                write(out, l.get(i), indent + 1);
                out.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            pad(out, indent);
            out.append(']');
        } else if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof Double d) {
            out.append(number(d));
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v == null) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass());
        }
    }

    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("not a JSON number: " + d);
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        String s = String.format(Locale.ROOT, "%.7f", d);   // 7 decimals of a degree ≈ 1 cm
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    private static void pad(StringBuilder out, int indent) {
        out.append("  ".repeat(indent));
    }

    public static void main(String[] args) throws IOException {
        boolean check = false;
        List<String> paths = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--check")) check = true;
            else if (a.startsWith("-")) {
                System.err.println("usage: IntersectionsGeoJson [XML [OUT]] [--check]   (unknown option " + a + ")");
                System.exit(2);
            } else paths.add(a);
        }
        Path xml = Path.of(paths.isEmpty() ? "cities/kielce/intersections.xml" : paths.get(0));
        Path out = paths.size() > 1 ? Path.of(paths.get(1))
                : xml.resolveSibling(xml.getFileName().toString().replaceFirst("\\.xml$", "") + ".geojson");
        String text;
        try {
            text = render(CityIntersections.load(xml), sourceName(xml));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("export-geojson: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (check) {
            boolean same = Files.isRegularFile(out) && Files.readString(out, StandardCharsets.UTF_8).equals(text);
            System.out.println(same ? out + " matches " + xml : out + " is out of date with " + xml + ": run ./traffic signals export-geojson");
            System.exit(same ? 0 : 1);
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.println("wrote " + out + " from " + xml);
    }

    /** {@code cities/<city>/intersections.xml} when the file lies in a city pack, else its file name. */
    static String sourceName(Path xml) {
        Path abs = xml.toAbsolutePath().normalize();
        int n = abs.getNameCount();
        if (n >= 3 && abs.getName(n - 3).toString().equals("cities")) {
            return "cities/" + abs.getName(n - 2) + "/" + abs.getFileName();
        }
        return String.valueOf(abs.getFileName());
    }
}
