package pl.kielce.traffic.flows;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the flow job.
 *
 * @param interval                       length of a flow interval (5 min); detector counts and camera passage
 *                                       windows are assigned to the interval holding their start
 * @param outOfOrderness                 how late (event time) a count may arrive and still be in its interval
 * @param allowedLateness                after the interval closed, a later count updates it (row and topic again)
 * @param idleness                       a Kafka partition without records for this long does not hold back time
 * @param congestionDegreeOfSaturation   degree of saturation above which an interval counts as congested
 * @param congestionIntervals            consecutive congested intervals that raise a CONGESTION alert
 * @param silentAfter                    a detector with no record for this long (processing time) → alert
 * @param cameraSilentAfter              the same for a camera; longer than its passage-count window (5 min), since a
 *                                       camera reports once per window
 * @param laneCapacityVehPerHour         capacity of one detector's lane when the intersection model does not know
 *                                       the approach (saturation flow × typical green share)
 * @param cameraCapacityVehPerHour       capacity of a camera's approach when the model does not know it
 */
public record FlowSettings(Duration interval, Duration outOfOrderness, Duration allowedLateness, Duration idleness,
                           double congestionDegreeOfSaturation, int congestionIntervals, Duration silentAfter,
                           Duration cameraSilentAfter, double laneCapacityVehPerHour, double cameraCapacityVehPerHour)
        implements Serializable {

    public static final FlowSettings DEFAULTS = new FlowSettings(Duration.ofMinutes(5), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofMinutes(1), 0.9, 3, Duration.ofMinutes(10), Duration.ofMinutes(10), 800, 800);

    public FlowSettings {
        positive("interval", interval);
        if (outOfOrderness == null || outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("outOfOrderness must be ≥ 0");
        }
        if (allowedLateness == null || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be ≥ 0");
        }
        positive("idleness", idleness);
        positive("silentAfter", silentAfter);
        positive("cameraSilentAfter", cameraSilentAfter);
        if (!(congestionDegreeOfSaturation > 0)) {
            throw new IllegalArgumentException("congestionDegreeOfSaturation must be > 0, was " + congestionDegreeOfSaturation);
        }
        if (congestionIntervals < 1) {
            throw new IllegalArgumentException("congestionIntervals must be ≥ 1, was " + congestionIntervals);
        }
        if (!(laneCapacityVehPerHour > 0) || !(cameraCapacityVehPerHour > 0)) {
            throw new IllegalArgumentException("default capacities must be > 0");
        }
        if (interval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("interval must be whole seconds, was " + interval);
        }
    }

    /**
     * {@link #DEFAULTS} overridden by the environment (the demo shortens the interval so flows appear within minutes):
     * {@code TRAFFIC_FLOW_INTERVAL_SECONDS}, {@code TRAFFIC_FLOW_OUT_OF_ORDER_SECONDS},
     * {@code TRAFFIC_FLOW_ALLOWED_LATENESS_SECONDS}, {@code TRAFFIC_FLOW_IDLENESS_SECONDS},
     * {@code TRAFFIC_FLOW_CONGESTION_DEGREE}, {@code TRAFFIC_FLOW_CONGESTION_INTERVALS},
     * {@code TRAFFIC_FLOW_SILENT_AFTER_SECONDS}, {@code TRAFFIC_FLOW_CAMERA_SILENT_AFTER_SECONDS}.
     *
     * @throws IllegalArgumentException naming the variable when a value is not a number or out of range
     */
    public static FlowSettings fromEnvironment(java.util.Map<String, String> env) {
        FlowSettings d = DEFAULTS;
        try {
            return new FlowSettings(
                    seconds(env, "TRAFFIC_FLOW_INTERVAL_SECONDS", d.interval),
                    seconds(env, "TRAFFIC_FLOW_OUT_OF_ORDER_SECONDS", d.outOfOrderness),
                    seconds(env, "TRAFFIC_FLOW_ALLOWED_LATENESS_SECONDS", d.allowedLateness),
                    seconds(env, "TRAFFIC_FLOW_IDLENESS_SECONDS", d.idleness),
                    number(env, "TRAFFIC_FLOW_CONGESTION_DEGREE", d.congestionDegreeOfSaturation),
                    (int) number(env, "TRAFFIC_FLOW_CONGESTION_INTERVALS", d.congestionIntervals),
                    seconds(env, "TRAFFIC_FLOW_SILENT_AFTER_SECONDS", d.silentAfter),
                    seconds(env, "TRAFFIC_FLOW_CAMERA_SILENT_AFTER_SECONDS", d.cameraSilentAfter),
                    d.laneCapacityVehPerHour, d.cameraCapacityVehPerHour);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flow settings from the environment: " + e.getMessage(), e);
        }
    }

    private static Duration seconds(java.util.Map<String, String> env, String name, Duration fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : Duration.ofSeconds((long) parse(name, v));
    }

    private static double number(java.util.Map<String, String> env, String name, double fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : parse(name, v);
    }

    private static double parse(String name, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + v + "'");
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    public long intervalSeconds() {
        return interval.toSeconds();
    }

    /**
     * How long (processing time) the congestion streak of an approach is kept after its last flow: two intervals
     * plus the time an interval can take to close (out-of-orderness, idleness, allowed lateness). Live, flows of an
     * approach arrive one interval apart, so a running episode is never forgotten.
     */
    public java.time.Duration congestionMemory() {
        return interval.multipliedBy(2).plus(outOfOrderness).plus(idleness).plus(allowedLateness);
    }

    public FlowSettings withInterval(Duration newInterval) {
        return new FlowSettings(newInterval, outOfOrderness, allowedLateness, idleness, congestionDegreeOfSaturation,
                congestionIntervals, silentAfter, cameraSilentAfter, laneCapacityVehPerHour, cameraCapacityVehPerHour);
    }

    /** Detectors and cameras alike. */
    public FlowSettings withSilentAfter(Duration d) {
        return new FlowSettings(interval, outOfOrderness, allowedLateness, idleness, congestionDegreeOfSaturation,
                congestionIntervals, d, d, laneCapacityVehPerHour, cameraCapacityVehPerHour);
    }

    public FlowSettings withSilentAfter(Duration detectors, Duration cameras) {
        return new FlowSettings(interval, outOfOrderness, allowedLateness, idleness, congestionDegreeOfSaturation,
                congestionIntervals, detectors, cameras, laneCapacityVehPerHour, cameraCapacityVehPerHour);
    }

    public FlowSettings withCongestion(double degreeOfSaturation, int intervals) {
        return new FlowSettings(interval, outOfOrderness, allowedLateness, idleness, degreeOfSaturation,
                intervals, silentAfter, cameraSilentAfter, laneCapacityVehPerHour, cameraCapacityVehPerHour);
    }

    public FlowSettings withTiming(Duration newOutOfOrderness, Duration newAllowedLateness, Duration newIdleness) {
        return new FlowSettings(interval, newOutOfOrderness, newAllowedLateness, newIdleness, congestionDegreeOfSaturation,
                congestionIntervals, silentAfter, cameraSilentAfter, laneCapacityVehPerHour, cameraCapacityVehPerHour);
    }
}
