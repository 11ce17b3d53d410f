package pl.kielce.traffic.transit.priority;

import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.transit.schedule.GeoMath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The intersections a bus can ask priority at: those of the city model with a location and, for each
 * movement, the compass side its approach comes from. The side is read from the approach name, which in
 * {@code cities/kielce/intersections.xml} ends in "from north|east|south|west" (also north-east etc.). An
 * intersection without a location, or whose movements do not all name a side, is left out with a reason
 * ({@link #skipped()}) rather than guessed.
 */
public final class SignalisedJunctions {
    private static final Pattern FROM_SIDE = Pattern.compile(
            "\\bfrom\\s+(north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|north|east|south|west)\\b");

    /** An intersection with its location and the side (bearing from the centre, degrees) of each movement's approach. */
    public record Junction(Intersection intersection, Map<String, Double> approachBearingByMovement) {
        public Junction {
            approachBearingByMovement = Map.copyOf(approachBearingByMovement);
        }

        public String id() {
            return intersection.id();
        }

        public double lat() {
            return intersection.latitude();
        }

        public double lon() {
            return intersection.longitude();
        }
    }

    private final List<Junction> junctions;
    private final List<String> skipped;

    private SignalisedJunctions(List<Junction> junctions, List<String> skipped) {
        this.junctions = List.copyOf(junctions);
        this.skipped = List.copyOf(skipped);
    }

    public static SignalisedJunctions of(List<Intersection> intersections) {
        List<Junction> ok = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Intersection x : intersections) {
            if (Double.isNaN(x.latitude()) || Double.isNaN(x.longitude())) {
                skipped.add(x.id() + ": no lat/lon");
                continue;
            }
            Map<String, Double> sides = new LinkedHashMap<>();
            String missing = null;
            for (Movement m : x.movements()) {
                Double b = approachBearing(m.approach());
                if (b == null) {
                    missing = m.id() + " ('" + m.approach() + "' names no side: end it in 'from north|east|south|west')";
                    break;
                }
                sides.put(m.id(), b);
            }
            if (missing != null) {
                skipped.add(x.id() + ": movement " + missing);
                continue;
            }
            ok.add(new Junction(x, sides));
        }
        return new SignalisedJunctions(ok, skipped);
    }

    /** Bearing (degrees clockwise from north) of the side an approach comes from, or null when its name does not say. */
    public static Double approachBearing(String approachName) {
        Matcher m = FROM_SIDE.matcher(approachName.toLowerCase(Locale.ROOT));
        Double found = null;
        while (m.find()) {
            found = switch (m.group(1).replaceAll("[- ]", "")) {
                case "north" -> 0.0;
                case "northeast" -> 45.0;
                case "east" -> 90.0;
                case "southeast" -> 135.0;
                case "south" -> 180.0;
                case "southwest" -> 225.0;
                case "west" -> 270.0;
                case "northwest" -> 315.0;
                default -> null;
            };
        }
        return found;
    }

    public List<Junction> junctions() {
        return junctions;
    }

    /** Intersections left out, each with the reason. */
    public List<String> skipped() {
        return skipped;
    }

    /** Whether any junction lies within {@code meters} (straight line) of the point: cheap pre-filter. */
    public boolean anyWithin(double lat, double lon, double meters) {
        for (Junction j : junctions) {
            if (GeoMath.distanceMeters(lat, lon, j.lat(), j.lon()) <= meters) {
                return true;
            }
        }
        return false;
    }
}
