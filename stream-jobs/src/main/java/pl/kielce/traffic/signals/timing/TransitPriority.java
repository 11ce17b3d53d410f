package pl.kielce.traffic.signals.timing;

import java.util.List;
import java.util.Optional;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Step;

/**
 * Transit signal priority rule: a bus that is late by at least {@code minLatenessSeconds} and will
 * reach the stop line within the next seconds gets, on its movement,
 * <ul>
 *   <li>a green <b>extension</b> when its stage is running but would end before the bus arrives
 *       (at most {@code maxExtensionSeconds}), or</li>
 *   <li>an <b>early green</b>: the running stage is cut short, never below its minimum green
 *       (at most {@code maxEarlySeconds} earlier),</li>
 * </ul>
 * and nothing otherwise (on time, already served, or the bound would not get it through). Pure;
 * the controller topic carries the request it returns.
 */
public final class TransitPriority {
    public enum Kind { EXTEND_GREEN, EARLY_GREEN }

    /** What the controller is asked to do at the intersection. */
    public record Request(String intersectionId, String movementId, Kind kind, double seconds) {}

    private final double minLatenessSeconds;
    private final double maxExtensionSeconds;
    private final double maxEarlySeconds;

    public TransitPriority(double minLatenessSeconds, double maxExtensionSeconds, double maxEarlySeconds) {
        if (minLatenessSeconds < 0 || maxExtensionSeconds < 0 || maxEarlySeconds < 0) {
            throw new IllegalArgumentException("priority bounds must be ≥ 0");
        }
        this.minLatenessSeconds = minLatenessSeconds;
        this.maxExtensionSeconds = maxExtensionSeconds;
        this.maxEarlySeconds = maxEarlySeconds;
    }

    /**
     * @param plan                    step durations now running (model order)
     * @param currentStep             index of the running step
     * @param elapsedInStepSeconds    how long it has run
     * @param movementId              the bus's movement
     * @param latenessSeconds         schedule deviation (positive = late)
     * @param arrivalInSeconds        time until the bus reaches the stop line
     */
    public Optional<Request> decide(Intersection intersection, List<Double> plan, int currentStep, double elapsedInStepSeconds,
                                    String movementId, double latenessSeconds, double arrivalInSeconds) {
        if (latenessSeconds < minLatenessSeconds) return Optional.empty();
        int m = intersection.movementIndex(movementId);
        List<Step> steps = intersection.steps();
        Step running = steps.get(currentStep);
        double remaining = plan.get(currentStep) - elapsedInStepSeconds;
        if (running.indications().get(m).isGreen()) {
            // green now: extend only if the bus would miss the end of green by no more than the bound
            double shortBy = arrivalInSeconds - remaining;
            if (shortBy <= 0) return Optional.empty(); // it gets through anyway
            if (shortBy > maxExtensionSeconds || plan.get(currentStep) + shortBy > running.maxSeconds()) return Optional.empty();
            return Optional.of(new Request(intersection.id(), movementId, Kind.EXTEND_GREEN, Math.ceil(shortBy)));
        }
        // red now: time until the bus's next green, and how much the running stage can give up
        double untilGreen = remaining;
        for (int k = 1; k < steps.size(); k++) {
            int s = (currentStep + k) % steps.size();
            if (steps.get(s).indications().get(m).isGreen()) break;
            untilGreen += plan.get(s);
        }
        if (untilGreen <= arrivalInSeconds) return Optional.empty(); // green comes before the bus
        if (!running.isStage()) return Optional.empty(); // intergreens are never shortened
        // the running stage may end at its minimum green at the earliest
        double canCut = Math.min(maxEarlySeconds, plan.get(currentStep) - Math.max(running.minSeconds(), elapsedInStepSeconds));
        if (canCut < 1) return Optional.empty();
        return Optional.of(new Request(intersection.id(), movementId, Kind.EARLY_GREEN,
                Math.floor(Math.min(canCut, untilGreen - arrivalInSeconds))));
    }
}
