package pl.kielce.traffic.transit.job;

/**
 * What the adherence operator remembers per vehicle between positions.
 *
 * @param tripId               the trip it was last matched to
 * @param serviceDate          that trip's service date, YYYY-MM-DD
 * @param reachedStopIndex     the last stop of that trip it reached
 * @param lastSeenEpochSeconds time of the newest position
 * @param largeDelayActive     a large-delay alert was sent and has not re-armed
 * @param cleanupTimerMillis   the pending event-time cleanup timer
 */
public record VehicleState(String tripId, String serviceDate, int reachedStopIndex, long lastSeenEpochSeconds,
                           boolean largeDelayActive, long cleanupTimerMillis) {
}
