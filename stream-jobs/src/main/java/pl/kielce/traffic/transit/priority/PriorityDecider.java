package pl.kielce.traffic.transit.priority;

import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.timing.TransitPriority;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Transit signal priority for one bus position: late enough ({@code minLatenessSeconds}, from the
 * adherence job's delay) → approaching a signalised junction ({@link ApproachDetector}) → the fixed-time
 * plan's state at that moment ({@link FixedTimeSignalClock}) → the project's TSP rule
 * ({@link TransitPriority}: bounded extension or early green, within the model's stage maximum and minimum)
 * → one {@link PriorityRequest}. Pure; a "no" carries its reason. The cooldown per intersection is applied
 * after this, by {@link #cooldownAllows}.
 */
public final class PriorityDecider {
    /** What the adherence job knows about the bus at this position. */
    public record Bus(String vehicleId, String routeId, String tripId, String serviceDate, int delaySeconds) {
        public Bus {
            Objects.requireNonNull(vehicleId, "vehicleId");
            Objects.requireNonNull(tripId, "tripId");
        }
    }

    private final TransitPrioritySettings settings;
    private final ApproachDetector approaches;
    private final FixedTimeSignalClock clock;
    private final TransitPriority rule;

    public PriorityDecider(SignalisedJunctions junctions, TransitPrioritySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.approaches = new ApproachDetector(junctions, settings);
        this.clock = new FixedTimeSignalClock(settings.zone());
        this.rule = new TransitPriority(settings.minLatenessSeconds(), settings.maxExtensionSeconds(),
                settings.maxEarlyGreenSeconds());
    }

    public Decoded<PriorityRequest> decide(Bus bus, ApproachDetector.Fix previous, ApproachDetector.Fix now,
                                           Polyline pathAhead) {
        if (bus.delaySeconds() < settings.minLatenessSeconds()) {
            return Decoded.failed(bus.delaySeconds() < 0
                    ? "early by " + -bus.delaySeconds() + " s: no priority"
                    : "late by " + bus.delaySeconds() + " s < " + settings.minLatenessSeconds() + " s: no priority");
        }
        Decoded<ApproachDetector.Approach> a = approaches.detect(previous, now, pathAhead);
        if (!a.isOk()) {
            return Decoded.failed(a.reason());
        }
        ApproachDetector.Approach approach = a.value();
        Intersection x = approach.junction().intersection();
        FixedTimeSignalClock.SignalState state = clock.at(x, now.epochSeconds());
        double eta = approach.arrivalInSeconds();
        // the rule looks at the running step only; a movement that stays green in the next steps is served anyway
        if (eta <= FixedTimeSignalClock.greenRemainingSeconds(x, state, approach.movementId())) {
            return Decoded.failed(String.format(Locale.ROOT, "%s %s: green lasts until the bus arrives (%.0f s)",
                    x.id(), approach.movementId(), eta));
        }
        Optional<TransitPriority.Request> r = rule.decide(x, state.planSeconds(), state.stepIndex(),
                state.elapsedInStepSeconds(), approach.movementId(), bus.delaySeconds(), eta);
        if (r.isEmpty() || r.get().seconds() < 1) {
            return Decoded.failed(String.format(Locale.ROOT, "%s %s: %s (step %s, %.0f s in; arrival in %.0f s)",
                    x.id(), approach.movementId(), whyNothing(x, state, approach.movementId(), eta), state.stepId(),
                    state.elapsedInStepSeconds(), eta));
        }
        long arrival = now.epochSeconds() + (long) Math.ceil(eta - 1e-6); // whole seconds, up
        return Decoded.ok(new PriorityRequest(
                PriorityRequest.requestIdOf(x.id(), approach.movementId(), bus.tripId(), bus.serviceDate(), bus.vehicleId()),
                r.get().kind(), x.id(), approach.movementId(), approach.approachName(), (int) r.get().seconds(),
                bus.vehicleId(), bus.routeId(), bus.tripId(), bus.serviceDate(), bus.delaySeconds(),
                (int) Math.round(approach.distanceToStopLineMeters()), now.epochSeconds(), arrival,
                arrival + settings.requestGraceSeconds(), state.stepId(), (int) Math.floor(state.elapsedInStepSeconds())));
    }

    /** Why the rule asked nothing, for the record (the rule itself only says "nothing"). */
    private String whyNothing(Intersection x, FixedTimeSignalClock.SignalState state, String movementId, double eta) {
        double greenLeft = FixedTimeSignalClock.greenRemainingSeconds(x, state, movementId);
        if (greenLeft > 0) {
            return String.format(Locale.ROOT, "green ends %.0f s before the bus arrives: more than the extension bound"
                    + " (%.0f s) or the stage maximum allows", eta - greenLeft, settings.maxExtensionSeconds());
        }
        if (FixedTimeSignalClock.secondsUntilGreen(x, state, movementId) <= eta) {
            return "its green starts before the bus arrives";
        }
        return x.steps().get(state.stepIndex()).isStage()
                ? "the running stage is at its minimum green" : "an intergreen is running (never shortened)";
    }

    /**
     * Cooldown per intersection: a request at {@code nowEpochSeconds} is sent unless another one at the same
     * intersection was sent less than {@code cooldownSeconds} before or after it (positions of different buses may
     * arrive slightly out of order). {@code lastEpochSeconds} null = none sent yet.
     */
    public static boolean cooldownAllows(Long lastEpochSeconds, long nowEpochSeconds, int cooldownSeconds) {
        return lastEpochSeconds == null || Math.abs(nowEpochSeconds - lastEpochSeconds) >= cooldownSeconds;
    }
}
