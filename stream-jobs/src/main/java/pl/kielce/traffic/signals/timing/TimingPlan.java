package pl.kielce.traffic.signals.timing;

import java.util.List;
import java.util.Objects;

/**
 * A fixed-time plan for one intersection: the duration of every step of its sequence (stages and
 * intergreens, in model order), the offset, and what the delay model expects of it.
 *
 * @param stepSeconds                     duration of each step, same order as the model's steps
 * @param offsetSeconds                   start of step 0 relative to the common time reference, in [0, cycle)
 * @param expectedDelaySecondsPerVehicle  flow-weighted mean control delay the delay model predicts
 * @param currentDelaySecondsPerVehicle   the same for the plan running now, with the same flows
 * @param maxDegreeOfSaturation           worst movement's x
 * @param method                          how the plan was made
 */
public record TimingPlan(String intersectionId, double cycleSeconds, List<Double> stepSeconds, double offsetSeconds,
                         double expectedDelaySecondsPerVehicle, double currentDelaySecondsPerVehicle,
                         double maxDegreeOfSaturation, String method) {
    public TimingPlan {
        Objects.requireNonNull(intersectionId, "intersectionId");
        stepSeconds = List.copyOf(stepSeconds);
        double sum = stepSeconds.stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - cycleSeconds) > 1e-6) {
            throw new IllegalArgumentException("plan " + intersectionId + ": steps sum to " + sum + " s, cycle is " + cycleSeconds + " s");
        }
        if (offsetSeconds < 0 || offsetSeconds >= cycleSeconds) {
            throw new IllegalArgumentException("plan " + intersectionId + ": offset " + offsetSeconds + " outside [0, cycle)");
        }
    }

    /** Expected relative change in delay against the current plan (negative = better). */
    public double expectedDelayChange() {
        return currentDelaySecondsPerVehicle <= 0 ? 0
                : (expectedDelaySecondsPerVehicle - currentDelaySecondsPerVehicle) / currentDelaySecondsPerVehicle;
    }

    public TimingPlan withOffsetSeconds(double offset) {
        double o = ((offset % cycleSeconds) + cycleSeconds) % cycleSeconds;
        return new TimingPlan(intersectionId, cycleSeconds, stepSeconds, o, expectedDelaySecondsPerVehicle,
                currentDelaySecondsPerVehicle, maxDegreeOfSaturation, method);
    }
}
