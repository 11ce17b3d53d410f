package pl.kielce.traffic.transit.priority;

import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.signals.model.TurnDirection;
import pl.kielce.traffic.transit.schedule.GeoMath;

import java.util.Objects;

/**
 * Which signalised junction a bus is approaching, on which movement, and when it reaches the stop line.
 * <ol>
 *   <li><b>Near and on its path</b>: of the junctions within {@code maxApproachMeters} (straight line), the
 *       first one the bus's path ahead (its matched trip's geometry) passes within {@code junctionRadiusMeters}
 *       of, no farther than {@code maxApproachMeters} along the path.</li>
 *   <li><b>Heading towards it</b>: the previous position (≤ {@code maxPositionGapSeconds} earlier) was at least
 *       {@code minClosingMeters} farther from the junction, and the bus moved at ≥ {@code minSpeedMetersPerSecond}
 *       between the two (speed = distance between the positions / time).</li>
 *   <li><b>Movement</b>: the side it comes from is the reverse of its path's bearing over the last 30 m before
 *       the junction; the turn is the change of bearing between those 30 m and the 30 m after (±45° through,
 *       45–135° right or left, beyond that a U-turn; through when the path ends at the junction). The movement is
 *       the one whose approach comes from that side (within 45°) and serves that turn.</li>
 *   <li><b>Arrival</b>: (metres along the path to the junction − {@code stopLineSetbackMeters}) / speed.</li>
 * </ol>
 * Pure; every "no" carries its reason.
 */
public final class ApproachDetector {
    /** A timed position. */
    public record Fix(double lat, double lon, long epochSeconds) {
    }

    /** The bus will reach the stop line of {@code movementId} at the junction in {@code arrivalInSeconds}. */
    public record Approach(SignalisedJunctions.Junction junction, String movementId, String approachName,
                           TurnDirection turn, double distanceToStopLineMeters, double speedMetersPerSecond,
                           double arrivalInSeconds) {
    }

    private static final double BEARING_WINDOW_METERS = 30;

    private final SignalisedJunctions junctions;
    private final TransitPrioritySettings settings;

    public ApproachDetector(SignalisedJunctions junctions, TransitPrioritySettings settings) {
        this.junctions = Objects.requireNonNull(junctions, "junctions");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param previous  the bus's previous position on the same trip, or null
     * @param now       its newest position
     * @param pathAhead its trip's path from (the projection of) {@code now} onwards
     */
    public Decoded<Approach> detect(Fix previous, Fix now, Polyline pathAhead) {
        SignalisedJunctions.Junction best = null;
        Polyline.Closest bestAt = null;
        for (SignalisedJunctions.Junction j : junctions.junctions()) {
            if (GeoMath.distanceMeters(now.lat(), now.lon(), j.lat(), j.lon()) > settings.maxApproachMeters()) {
                continue;
            }
            Polyline.Closest c = pathAhead.closestTo(j.lat(), j.lon(), settings.maxApproachMeters());
            if (c.offsetMeters() > settings.junctionRadiusMeters() || c.alongMeters() > settings.maxApproachMeters()) {
                continue;
            }
            if (bestAt == null || c.alongMeters() < bestAt.alongMeters()) {
                best = j;
                bestAt = c;
            }
        }
        if (best == null) {
            return Decoded.failed("no signalised junction on the path within " + (int) settings.maxApproachMeters() + " m");
        }
        double toStopLine = bestAt.alongMeters() - settings.stopLineSetbackMeters();
        if (toStopLine <= 0) {
            return Decoded.failed("at or past the stop line of " + best.id());
        }
        if (previous == null) {
            return Decoded.failed("first position near " + best.id() + ": heading unknown");
        }
        long dt = now.epochSeconds() - previous.epochSeconds();
        if (dt <= 0 || dt > settings.maxPositionGapSeconds()) {
            return Decoded.failed("previous position " + dt + " s earlier: too old to give heading and speed");
        }
        double closing = GeoMath.distanceMeters(previous.lat(), previous.lon(), best.lat(), best.lon())
                - GeoMath.distanceMeters(now.lat(), now.lon(), best.lat(), best.lon());
        if (closing < settings.minClosingMeters()) {
            return Decoded.failed(String.format(java.util.Locale.ROOT, "not heading towards %s (%.0f m closer in %d s)",
                    best.id(), closing, dt));
        }
        double speed = GeoMath.distanceMeters(previous.lat(), previous.lon(), now.lat(), now.lon()) / dt;
        if (speed < settings.minSpeedMetersPerSecond()) {
            return Decoded.failed(String.format(java.util.Locale.ROOT, "moving at %.1f m/s: no arrival time", speed));
        }

        double along = bestAt.alongMeters();
        double[] in = pathAhead.pointAt(Math.max(0, along - BEARING_WINDOW_METERS));
        double[] at = pathAhead.pointAt(along);
        double incoming = GeoMath.distanceMeters(in[0], in[1], at[0], at[1]) >= 5
                ? GeoMath.bearingDegrees(in[0], in[1], at[0], at[1])
                : GeoMath.bearingDegrees(previous.lat(), previous.lon(), now.lat(), now.lon());
        TurnDirection turn = TurnDirection.THROUGH;
        if (pathAhead.lengthMeters() >= along + 10) {
            double[] out = pathAhead.pointAt(along + BEARING_WINDOW_METERS);
            turn = turnOf(angle(GeoMath.bearingDegrees(at[0], at[1], out[0], out[1]) - incoming));
        }
        double fromSide = (incoming + 180) % 360;
        String movementId = null;
        String approachName = null;
        double bestSideDiff = Double.POSITIVE_INFINITY;
        for (Movement m : best.intersection().movements()) {
            double diff = Math.abs(angle(best.approachBearingByMovement().get(m.id()) - fromSide));
            if (diff <= 45 && m.turns().contains(turn) && diff < bestSideDiff) {
                movementId = m.id();
                approachName = m.approach();
                bestSideDiff = diff;
            }
        }
        if (movementId == null) {
            return Decoded.failed(String.format(java.util.Locale.ROOT, "%s has no movement from bearing %.0f° turning %s",
                    best.id(), fromSide, turn));
        }
        return Decoded.ok(new Approach(best, movementId, approachName, turn, toStopLine, speed, toStopLine / speed));
    }

    /** Angle folded into (−180, 180]. */
    static double angle(double degrees) {
        double a = degrees % 360;
        if (a > 180) {
            a -= 360;
        } else if (a <= -180) {
            a += 360;
        }
        return a;
    }

    /** Turn from the change of bearing (clockwise positive). */
    static TurnDirection turnOf(double delta) {
        if (Math.abs(delta) <= 45) {
            return TurnDirection.THROUGH;
        }
        if (delta > 45 && delta <= 135) {
            return TurnDirection.RIGHT;
        }
        if (delta < -45 && delta >= -135) {
            return TurnDirection.LEFT;
        }
        return TurnDirection.U_TURN;
    }
}
