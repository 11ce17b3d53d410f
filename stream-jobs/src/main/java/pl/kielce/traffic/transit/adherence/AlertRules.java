package pl.kielce.traffic.transit.adherence;

import java.util.Objects;
import java.util.Optional;

/** The two transit alert rules, as pure functions of the facts and the settings. */
public final class AlertRules {
    private final AdherenceSettings settings;

    public AlertRules(AdherenceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Outcome of the large-delay rule: whether the alert is now active, and an alert to send when it just became so. */
    public record LargeDelayDecision(boolean active, Optional<TransitAlert> alert) {
    }

    /**
     * Large delay: raises once when the delay reaches the threshold; stays quiet while it remains high;
     * re-arms when the delay falls below threshold minus hysteresis.
     */
    public LargeDelayDecision largeDelay(boolean wasActive, TripProgress p, String vehicleId, long epochSeconds) {
        int d = p.delaySeconds();
        if (!wasActive && d >= settings.largeDelaySeconds()) {
            String stopId = p.trip().stop(p.reachedStopIndex()).id();
            return new LargeDelayDecision(true, Optional.of(new TransitAlert(TransitAlert.Kind.TRANSIT_LARGE_DELAY,
                    p.trip().routeId(), p.trip().directionKey(), p.trip().id(), vehicleId, stopId, d, -1, -1, null,
                    epochSeconds, "trip " + p.trip().id() + " on route " + p.trip().routeId() + " is " + d / 60 + " min "
                    + d % 60 + " s late near stop " + stopId + " (threshold " + settings.largeDelaySeconds() + " s)")));
        }
        if (wasActive && d < settings.largeDelaySeconds() - settings.largeDelayHysteresisSeconds()) {
            return new LargeDelayDecision(false, Optional.empty());
        }
        return new LargeDelayDecision(wasActive, Optional.empty());
    }

    /**
     * Bunching: {@code current} reaches a stop {@code previous} (another trip of the same route and
     * direction) reached earlier. Alert when the actual headway is below
     * {@code bunchingHeadwayFraction × scheduled headway}. Pairs scheduled in the other order, or more
     * than {@code maxScheduledHeadwaySeconds} apart, are not compared.
     */
    public Optional<TransitAlert> bunching(StopPassage previous, StopPassage current, int currentDelaySeconds) {
        if (previous == null || previous.tripId().equals(current.tripId())
                || !previous.stopId().equals(current.stopId())) {
            return Optional.empty();
        }
        long headway = current.actualEpochSeconds() - previous.actualEpochSeconds();
        long scheduled = current.scheduledEpochSeconds() - previous.scheduledEpochSeconds();
        if (headway < 0 || scheduled <= 0 || scheduled > settings.maxScheduledHeadwaySeconds()) {
            return Optional.empty();
        }
        if (headway >= settings.bunchingHeadwayFraction() * scheduled) {
            return Optional.empty();
        }
        return Optional.of(new TransitAlert(TransitAlert.Kind.TRANSIT_BUNCHING, current.routeId(),
                current.directionKey(), current.tripId(), current.vehicleId(), current.stopId(), currentDelaySeconds,
                headway, scheduled, previous.tripId(), current.actualEpochSeconds(),
                "route " + current.routeId() + ": trip " + current.tripId() + " reached stop " + current.stopId()
                        + " " + headway + " s after trip " + previous.tripId() + " (scheduled " + scheduled + " s apart)"));
    }
}
