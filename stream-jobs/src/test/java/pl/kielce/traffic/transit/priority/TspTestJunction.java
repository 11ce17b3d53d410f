package pl.kielce.traffic.transit.priority;

import pl.kielce.traffic.signals.model.Indication;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.signals.model.Step;
import pl.kielce.traffic.signals.model.TurnDirection;

import java.time.Instant;
import java.util.List;

import static pl.kielce.traffic.signals.model.TurnDirection.LEFT;
import static pl.kielce.traffic.signals.model.TurnDirection.RIGHT;
import static pl.kielce.traffic.signals.model.TurnDirection.THROUGH;

/**
 * One junction built in code at 50.0°N 20.0°E, offset 0, cycle 80 s counted from midnight UTC:
 * <pre>
 *   0–30  EW      stage (min 10, max = ewMaxSeconds)  green E-T, W-T
 *  30–35  EW-end  intergreen
 *  35–45  EL      stage (min 5, max 20)               green E-L
 *  45–50  EL-end  intergreen
 *  50–75  NS      stage (min 10, max 40)              green N, S
 *  75–80  NS-end  intergreen
 * </pre>
 * 10:00:00 UTC is 450 whole cycles after midnight, so {@link #at} (10:00:00 + s) is s seconds into the cycle.
 * Positions are given in metres east/north of the centre (1° lon = 111 320 × cos 50° ≈ 71 556 m).
 */
final class TspTestJunction {
    static final double LAT = 50.0;
    static final double LON = 20.0;
    static final long TEN_O_CLOCK = Instant.parse("2026-11-30T10:00:00Z").getEpochSecond();
    /** The defaults, but the plan's clock in UTC. */
    static final TransitPrioritySettings SETTINGS = TransitPrioritySettings.DEFAULTS.withZone("UTC");

    private static final double M_PER_DEG_LAT = 111_320.0;
    private static final double M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos(Math.toRadians(LAT));

    private TspTestJunction() {
    }

    static Intersection junction(double ewMaxSeconds) {
        Indication g = Indication.PROTECTED_GREEN;
        Indication r = Indication.RED;
        Indication y = Indication.YELLOW;
        List<Movement> mv = List.of(
                movement("E-T", "Main St from east", THROUGH, RIGHT),
                movement("W-T", "Main St from west", THROUGH, RIGHT),
                movement("E-L", "Main St from east", LEFT),
                movement("N", "Side St from north", THROUGH, LEFT, RIGHT),
                movement("S", "Side St from south", THROUGH, LEFT, RIGHT));
        List<Step> steps = List.of(
                new Step("EW", Step.Kind.STAGE, 30, 10, ewMaxSeconds, List.of(g, g, r, r, r), null),
                Step.intergreen("EW-end", 5, List.of(y, y, r, r, r), null),
                new Step("EL", Step.Kind.STAGE, 10, 5, 20, List.of(r, r, g, r, r), null),
                Step.intergreen("EL-end", 5, List.of(r, r, y, r, r), null),
                new Step("NS", Step.Kind.STAGE, 25, 10, 40, List.of(r, r, r, g, g), null),
                Step.intergreen("NS-end", 5, List.of(r, r, r, y, y), null));
        return new Intersection("X1", "Main St / Side St", LAT, LON, mv, steps, List.of(), 40, 120, 0, List.of());
    }

    static SignalisedJunctions junctions(double ewMaxSeconds) {
        return SignalisedJunctions.of(List.of(junction(ewMaxSeconds)));
    }

    private static Movement movement(String id, String approach, TurnDirection... turns) {
        return new Movement(id, approach, List.of(turns), 1, 1800, 5, 0, List.of());
    }

    /** Epoch seconds {@code s} seconds into the cycle (after 10:00:00 UTC). */
    static long at(double s) {
        return TEN_O_CLOCK + (long) s;
    }

    /** {lat, lon} {@code east} metres east and {@code north} metres north of the centre. */
    static double[] point(double east, double north) {
        return new double[]{LAT + north / M_PER_DEG_LAT, LON + east / M_PER_DEG_LON};
    }

    static ApproachDetector.Fix fix(double east, double north, long epochSeconds) {
        double[] p = point(east, north);
        return new ApproachDetector.Fix(p[0], p[1], epochSeconds);
    }

    /** A path through the given points, each {east, north} in metres. */
    static Polyline path(double[]... eastNorth) {
        return new Polyline(java.util.Arrays.stream(eastNorth).map(p -> point(p[0], p[1])).toList());
    }
}
