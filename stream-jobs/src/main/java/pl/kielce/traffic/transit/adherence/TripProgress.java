package pl.kielce.traffic.transit.adherence;

import pl.kielce.traffic.transit.schedule.ScheduledTrip;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Where a vehicle is along its scheduled trip and how late it is there.
 *
 * @param trip                      the matched trip
 * @param serviceDate               the service day the trip runs on
 * @param segmentIndex              the vehicle is between stop {@code segmentIndex} and the next one
 * @param fractionAlongSegment      0 at stop {@code segmentIndex}, 1 at the next stop
 * @param atStopIndex               the stop the vehicle stands at (within the at-stop radius), or -1
 * @param offRouteMeters            distance from the position to the matched segment
 * @param scheduledSecondsOfDay     the scheduled time at this point (seconds of the service day)
 * @param observedSecondsOfDay      the observation time (seconds of the service day)
 * @param delaySeconds              observed minus scheduled; negative = early
 */
public record TripProgress(ScheduledTrip trip, LocalDate serviceDate, int segmentIndex, double fractionAlongSegment,
                           int atStopIndex, double offRouteMeters, double scheduledSecondsOfDay,
                           long observedSecondsOfDay, int delaySeconds) {
    public TripProgress {
        Objects.requireNonNull(trip, "trip");
        Objects.requireNonNull(serviceDate, "serviceDate");
        if (segmentIndex < 0 || segmentIndex > trip.stopCount() - 2) {
            throw new IllegalArgumentException("segmentIndex out of range: " + segmentIndex);
        }
        if (atStopIndex < -1 || atStopIndex >= trip.stopCount()) {
            throw new IllegalArgumentException("atStopIndex out of range: " + atStopIndex);
        }
    }

    /** The last stop the vehicle has reached (it stands there or has left it). */
    public int reachedStopIndex() {
        return atStopIndex >= 0 ? atStopIndex : segmentIndex;
    }

    /** The vehicle stands at the trip's last stop: the trip is over. */
    public boolean atLastStop() {
        return atStopIndex == trip.stopCount() - 1;
    }
}
