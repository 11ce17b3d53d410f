package pl.kielce.traffic.transit.adherence;

import pl.kielce.traffic.transit.schedule.ScheduledTrip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Propagates the current delay of a vehicle to its downstream stops, with recovery:
 * <ul>
 *   <li>on each remaining run between stops a late vehicle makes up
 *       {@code recoveryFractionOfRunTime × scheduled run seconds} (drivers catch up; schedules are padded);</li>
 *   <li>at each stop a late vehicle uses the scheduled dwell beyond {@code minDwellSeconds} as slack;</li>
 *   <li>a delay never turns into earliness by recovery (it stops at 0);</li>
 *   <li>an early vehicle keeps its earliness, except at stops with a scheduled dwell (timepoints), where
 *       it is held until the scheduled departure.</li>
 * </ul>
 */
public final class DelayPredictor {
    private final AdherenceSettings settings;

    public DelayPredictor(AdherenceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Delays at every stop of the trip. Stops already passed get the current delay, capped so that their
     * time is not later than the observation (they are behind the vehicle: a planner must not offer them
     * at their scheduled time when the vehicle ran early). Then the stop the vehicle stands at, if any, and
     * the predictions for the stops ahead.
     */
    public List<StopDelay> predict(TripProgress p) {
        ScheduledTrip trip = p.trip();
        int n = trip.stopCount();
        List<StopDelay> out = new ArrayList<>(n);
        double delay = p.delaySeconds();
        int passedUpTo = p.atStopIndex() >= 0 ? p.atStopIndex() - 1 : p.segmentIndex();
        for (int k = 0; k <= passedUpTo; k++) {
            double arrival = Math.min(delay, p.observedSecondsOfDay() - trip.arrivalSeconds(k));
            double departure = Math.min(delay, p.observedSecondsOfDay() - trip.departureSeconds(k));
            out.add(stopDelay(trip, k, arrival, departure));
        }
        int first;
        if (p.atStopIndex() >= 0) {
            // standing at stop k: it cannot leave before now, so the departure delay is at least now - departure
            int k = p.atStopIndex();
            double arrival = p.delaySeconds();
            double departure = Math.max(departureDelay(trip, k, arrival),
                    p.observedSecondsOfDay() - trip.departureSeconds(k));
            out.add(stopDelay(trip, k, arrival, departure));
            first = k + 1;
            if (first < n) {
                delay = recover(departure, trip.arrivalSeconds(first) - trip.departureSeconds(k));
            }
        } else {
            first = p.segmentIndex() + 1;
            double remainingRunSeconds = trip.arrivalSeconds(first) - p.scheduledSecondsOfDay();
            delay = recover(delay, remainingRunSeconds);
        }
        for (int k = first; k < n; k++) {
            double arrival = delay;
            double departure = departureDelay(trip, k, arrival);
            out.add(stopDelay(trip, k, arrival, departure));
            if (k + 1 < n) {
                delay = recover(departure, trip.arrivalSeconds(k + 1) - trip.departureSeconds(k));
            }
        }
        return out;
    }

    private double recover(double delay, double runSeconds) {
        if (delay <= 0) {
            return delay;
        }
        return Math.max(0, delay - settings.recoveryFractionOfRunTime() * Math.max(0, runSeconds));
    }

    private double departureDelay(ScheduledTrip trip, int k, double arrivalDelay) {
        int dwell = trip.departureSeconds(k) - trip.arrivalSeconds(k);
        if (arrivalDelay <= 0) {
            return dwell > 0 ? 0 : arrivalDelay; // held at a timepoint; else it leaves early too
        }
        double slack = Math.max(0, dwell - settings.minDwellSeconds());
        return Math.max(0, arrivalDelay - slack);
    }

    private static StopDelay stopDelay(ScheduledTrip trip, int k, double arrival, double departure) {
        return new StopDelay(k, trip.stopSequence(k), trip.stop(k).id(), (int) Math.round(arrival),
                (int) Math.round(departure), trip.arrivalSeconds(k), trip.departureSeconds(k));
    }
}
