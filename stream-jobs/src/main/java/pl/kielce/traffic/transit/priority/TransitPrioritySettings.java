package pl.kielce.traffic.transit.priority;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * Tunable rules of transit signal priority (TSP), with documented defaults ({@link #DEFAULTS}).
 *
 * @param minLatenessSeconds           a bus at least this late (adherence delay) may ask for priority; early or on-time buses never do
 * @param maxExtensionSeconds          longest green extension asked for (the model's stage maximum bounds it too)
 * @param maxEarlyGreenSeconds         most the running stage is cut short for an early green (never below its minimum)
 * @param maxApproachMeters            a junction farther than this along the bus's path is not approached yet
 * @param junctionRadiusMeters         the bus's path must pass this close to the junction centre (else it drives past on another street)
 * @param stopLineSetbackMeters        the stop line lies this far before the junction centre
 * @param minClosingMeters             the bus must have come at least this much closer to the junction since its previous position
 * @param maxPositionGapSeconds        two positions further apart in time than this are not used for heading and speed
 * @param minSpeedMetersPerSecond      a slower bus (dwelling at a stop, queueing) cannot be given an arrival time: no request
 * @param cooldownSeconds              after a request at a junction, further requests there within this time are dropped
 * @param requestGraceSeconds          a request stays valid until the expected arrival plus this
 * @param signalClockZone              the fixed-time plans' cycles are counted from local midnight (+ offset) in this zone
 */
public record TransitPrioritySettings(
        int minLatenessSeconds,
        double maxExtensionSeconds,
        double maxEarlyGreenSeconds,
        double maxApproachMeters,
        double junctionRadiusMeters,
        double stopLineSetbackMeters,
        double minClosingMeters,
        int maxPositionGapSeconds,
        double minSpeedMetersPerSecond,
        int cooldownSeconds,
        int requestGraceSeconds,
        String signalClockZone) implements Serializable {

    public static final TransitPrioritySettings DEFAULTS = new TransitPrioritySettings(
            120, 15, 15, 300, 40, 15, 5, 90, 1.0, 120, 30, "Europe/Warsaw");

    public TransitPrioritySettings {
        notNegative("minLatenessSeconds", minLatenessSeconds);
        notNegative("maxExtensionSeconds", maxExtensionSeconds);
        notNegative("maxEarlyGreenSeconds", maxEarlyGreenSeconds);
        positive("maxApproachMeters", maxApproachMeters);
        positive("junctionRadiusMeters", junctionRadiusMeters);
        notNegative("stopLineSetbackMeters", stopLineSetbackMeters);
        notNegative("minClosingMeters", minClosingMeters);
        positive("maxPositionGapSeconds", maxPositionGapSeconds);
        positive("minSpeedMetersPerSecond", minSpeedMetersPerSecond);
        notNegative("cooldownSeconds", cooldownSeconds);
        notNegative("requestGraceSeconds", requestGraceSeconds);
        if (signalClockZone == null) {
            throw new IllegalArgumentException("signalClockZone must be set (e.g. Europe/Warsaw)");
        }
        try {
            ZoneId.of(signalClockZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("signalClockZone is not a time zone: '" + signalClockZone + "'");
        }
    }

    public ZoneId zone() {
        return ZoneId.of(signalClockZone);
    }

    public TransitPrioritySettings withMinLatenessSeconds(int seconds) {
        return new TransitPrioritySettings(seconds, maxExtensionSeconds, maxEarlyGreenSeconds, maxApproachMeters,
                junctionRadiusMeters, stopLineSetbackMeters, minClosingMeters, maxPositionGapSeconds,
                minSpeedMetersPerSecond, cooldownSeconds, requestGraceSeconds, signalClockZone);
    }

    public TransitPrioritySettings withCooldownSeconds(int seconds) {
        return new TransitPrioritySettings(minLatenessSeconds, maxExtensionSeconds, maxEarlyGreenSeconds, maxApproachMeters,
                junctionRadiusMeters, stopLineSetbackMeters, minClosingMeters, maxPositionGapSeconds,
                minSpeedMetersPerSecond, seconds, requestGraceSeconds, signalClockZone);
    }

    public TransitPrioritySettings withMaxApproachMeters(double meters) {
        return new TransitPrioritySettings(minLatenessSeconds, maxExtensionSeconds, maxEarlyGreenSeconds, meters,
                junctionRadiusMeters, stopLineSetbackMeters, minClosingMeters, maxPositionGapSeconds,
                minSpeedMetersPerSecond, cooldownSeconds, requestGraceSeconds, signalClockZone);
    }

    public TransitPrioritySettings withZone(String zone) {
        return new TransitPrioritySettings(minLatenessSeconds, maxExtensionSeconds, maxEarlyGreenSeconds, maxApproachMeters,
                junctionRadiusMeters, stopLineSetbackMeters, minClosingMeters, maxPositionGapSeconds,
                minSpeedMetersPerSecond, cooldownSeconds, requestGraceSeconds, zone);
    }

    private static void positive(String name, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }

    private static void notNegative(String name, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + " must not be negative, was " + v);
        }
    }
}
