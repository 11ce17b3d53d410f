package pl.kielce.traffic.transit.priority;

import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Step;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an intersection's fixed-time plan is at a given instant: the plan's cycle (the model's step
 * durations) repeats from local midnight plus the intersection's offset. This is an <em>estimate</em> for
 * the priority rule; the controller, which knows its real state, checks the request against it (the
 * request carries the assumed step and elapsed time for that).
 */
public final class FixedTimeSignalClock {
    /** The running step, how long it has run, and the plan's step durations in model order. */
    public record SignalState(int stepIndex, String stepId, double elapsedInStepSeconds, List<Double> planSeconds) {
        public SignalState {
            planSeconds = List.copyOf(planSeconds);
        }
    }

    private final ZoneId zone;

    public FixedTimeSignalClock(ZoneId zone) {
        this.zone = zone;
    }

    public SignalState at(Intersection x, long epochSeconds) {
        List<Double> plan = new ArrayList<>();
        for (Step s : x.steps()) {
            plan.add(s.durationSeconds());
        }
        double cycle = x.currentCycleSeconds();
        LocalDate day = Instant.ofEpochSecond(epochSeconds).atZone(zone).toLocalDate();
        long midnight = day.atStartOfDay(zone).toEpochSecond();
        double inCycle = (epochSeconds - midnight - x.currentOffsetSeconds()) % cycle;
        if (inCycle < 0) {
            inCycle += cycle;
        }
        for (int i = 0; i < plan.size(); i++) {
            if (inCycle < plan.get(i) || i == plan.size() - 1) {
                return new SignalState(i, x.steps().get(i).id(), Math.min(inCycle, plan.get(i)), plan);
            }
            inCycle -= plan.get(i);
        }
        throw new IllegalStateException("unreachable: a model has at least one step");
    }

    /**
     * Seconds the movement stays green from now over the running step and the following steps it is green in
     * (0 when it is not green now).
     */
    public static double greenRemainingSeconds(Intersection x, SignalState s, String movementId) {
        int m = x.movementIndex(movementId);
        List<Step> steps = x.steps();
        if (!steps.get(s.stepIndex()).indications().get(m).isGreen()) {
            return 0;
        }
        double remaining = s.planSeconds().get(s.stepIndex()) - s.elapsedInStepSeconds();
        for (int k = 1; k < steps.size(); k++) {
            int i = (s.stepIndex() + k) % steps.size();
            if (!steps.get(i).indications().get(m).isGreen()) {
                break;
            }
            remaining += s.planSeconds().get(i);
        }
        return remaining;
    }

    /** Seconds until the movement's next green starts (0 when it is green now). */
    public static double secondsUntilGreen(Intersection x, SignalState s, String movementId) {
        int m = x.movementIndex(movementId);
        List<Step> steps = x.steps();
        if (steps.get(s.stepIndex()).indications().get(m).isGreen()) {
            return 0;
        }
        double until = s.planSeconds().get(s.stepIndex()) - s.elapsedInStepSeconds();
        for (int k = 1; k < steps.size(); k++) {
            int i = (s.stepIndex() + k) % steps.size();
            if (steps.get(i).indications().get(m).isGreen()) {
                break;
            }
            until += s.planSeconds().get(i);
        }
        return until;
    }
}
