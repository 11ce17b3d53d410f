package pl.kielce.traffic.signals.job;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the signal-timing job.
 *
 * @param smoothingIntervals        demand per movement = mean of its approach's flow over this many most recent flow
 *                                  intervals (the interval just completed and the ones before it)
 * @param minImprovementPercent     propose only when the optimised plan lowers the expected delay (veh-weighted,
 *                                  whole corridor for coordinated intersections) by at least this much against the
 *                                  plan in force
 * @param reproposeImprovementPercent while the last proposal is pending (younger than {@code reproposeAfter}), a new
 *                                  one must lower the expected delay by at least this much against <i>it</i> (same
 *                                  flows): hysteresis against noisy counts
 * @param hysteresisSeconds         a plan whose cycle, every green and the offset are all within this of the last
 *                                  proposal (or of the plan in force) is "the same plan": not proposed again
 * @param reproposeAfter            …unless the last proposal is older than this (event time of the intervals); the
 *                                  operator may have missed it
 * @param settleDelay               an interval is evaluated when every detected movement of the intersection (corridor)
 *                                  has a flow for it, when a later interval starts arriving, or this long (processing
 *                                  time) after its first flow — whichever comes first
 * @param corridorCycleStepSeconds  resolution of the common-cycle search of a corridor (and of the oversaturation
 *                                  strategy's cycle search)
 */
public record SignalJobSettings(int smoothingIntervals, double minImprovementPercent, double reproposeImprovementPercent,
                                double hysteresisSeconds, Duration reproposeAfter, Duration settleDelay,
                                double corridorCycleStepSeconds)
        implements Serializable {

    public static final SignalJobSettings DEFAULTS = new SignalJobSettings(3, 5.0, 10.0, 3.0, Duration.ofHours(1),
            Duration.ofSeconds(10), 2.0);

    public SignalJobSettings {
        if (smoothingIntervals < 1) {
            throw new IllegalArgumentException("smoothingIntervals must be ≥ 1, was " + smoothingIntervals);
        }
        if (!(minImprovementPercent >= 0) || minImprovementPercent >= 100) {
            throw new IllegalArgumentException("minImprovementPercent must be in [0, 100), was " + minImprovementPercent);
        }
        if (!(reproposeImprovementPercent >= 0) || reproposeImprovementPercent >= 100) {
            throw new IllegalArgumentException("reproposeImprovementPercent must be in [0, 100), was " + reproposeImprovementPercent);
        }
        if (!(hysteresisSeconds >= 0)) {
            throw new IllegalArgumentException("hysteresisSeconds must be ≥ 0, was " + hysteresisSeconds);
        }
        if (reproposeAfter == null || reproposeAfter.isNegative()) {
            throw new IllegalArgumentException("reproposeAfter must be ≥ 0");
        }
        if (settleDelay == null || settleDelay.isZero() || settleDelay.isNegative()) {
            throw new IllegalArgumentException("settleDelay must be positive, was " + settleDelay);
        }
        if (!(corridorCycleStepSeconds >= 1)) {
            throw new IllegalArgumentException("corridorCycleStepSeconds must be ≥ 1, was " + corridorCycleStepSeconds);
        }
    }

    public SignalJobSettings withMinImprovementPercent(double percent) {
        return new SignalJobSettings(smoothingIntervals, percent, reproposeImprovementPercent, hysteresisSeconds, reproposeAfter, settleDelay,
                corridorCycleStepSeconds);
    }

    public SignalJobSettings withReproposeImprovementPercent(double percent) {
        return new SignalJobSettings(smoothingIntervals, minImprovementPercent, percent, hysteresisSeconds, reproposeAfter,
                settleDelay, corridorCycleStepSeconds);
    }

    public SignalJobSettings withSmoothingIntervals(int intervals) {
        return new SignalJobSettings(intervals, minImprovementPercent, reproposeImprovementPercent, hysteresisSeconds, reproposeAfter, settleDelay,
                corridorCycleStepSeconds);
    }

    public SignalJobSettings withSettleDelay(Duration delay) {
        return new SignalJobSettings(smoothingIntervals, minImprovementPercent, reproposeImprovementPercent, hysteresisSeconds, reproposeAfter, delay,
                corridorCycleStepSeconds);
    }

    /** From environment variables {@code TRAFFIC_SIGNALS_*} (the demo and the cluster), defaults otherwise. */
    public static SignalJobSettings fromEnvironment(java.util.Map<String, String> env) {
        SignalJobSettings d = DEFAULTS;
        return new SignalJobSettings(
                Integer.parseInt(env.getOrDefault("TRAFFIC_SIGNALS_SMOOTHING_INTERVALS", String.valueOf(d.smoothingIntervals))),
                Double.parseDouble(env.getOrDefault("TRAFFIC_SIGNALS_MIN_IMPROVEMENT_PERCENT", String.valueOf(d.minImprovementPercent))),
                Double.parseDouble(env.getOrDefault("TRAFFIC_SIGNALS_REPROPOSE_IMPROVEMENT_PERCENT", String.valueOf(d.reproposeImprovementPercent))),
                Double.parseDouble(env.getOrDefault("TRAFFIC_SIGNALS_HYSTERESIS_SECONDS", String.valueOf(d.hysteresisSeconds))),
                Duration.ofMinutes(Long.parseLong(env.getOrDefault("TRAFFIC_SIGNALS_REPROPOSE_AFTER_MINUTES",
                        String.valueOf(d.reproposeAfter.toMinutes())))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("TRAFFIC_SIGNALS_SETTLE_SECONDS",
                        String.valueOf(d.settleDelay.toSeconds())))),
                d.corridorCycleStepSeconds);
    }
}
