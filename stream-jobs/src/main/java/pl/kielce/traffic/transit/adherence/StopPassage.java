package pl.kielce.traffic.transit.adherence;

import java.util.Objects;

/**
 * A vehicle reaching a stop of its trip: the input of the bunching rule.
 *
 * @param directionKey               route + direction ({@code ScheduledTrip.directionKey()})
 * @param routeId                    the route
 * @param tripId                     the trip
 * @param vehicleId                  the vehicle
 * @param stopId                     the stop
 * @param actualEpochSeconds         when it reached the stop (observed, or scheduled + current delay)
 * @param scheduledEpochSeconds      when it was scheduled to reach the stop
 */
public record StopPassage(String directionKey, String routeId, String tripId, String vehicleId, String stopId,
                          long actualEpochSeconds, long scheduledEpochSeconds) {
    public StopPassage {
        Objects.requireNonNull(directionKey, "directionKey");
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(tripId, "tripId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(stopId, "stopId");
    }
}
