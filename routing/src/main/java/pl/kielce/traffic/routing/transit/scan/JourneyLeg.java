package pl.kielce.traffic.routing.transit.scan;

import java.time.LocalDate;

/** A leg of a {@link Journey}; times are seconds after midnight of the query date. */
public sealed interface JourneyLeg permits JourneyLeg.Walk, JourneyLeg.Ride {
    int startSeconds();

    int endSeconds();

    /**
     * Walking between the query points and stops; stop -1 means the query's origin or destination.
     * {@code distanceMeters} is the straight-line distance the scan used.
     */
    record Walk(int fromStop, int toStop, int startSeconds, int endSeconds, int distanceMeters) implements JourneyLeg {
    }

    /**
     * Riding one trip run from stop-time position {@code boardPosition} to {@code alightPosition}.
     * {@code serviceDayOffsetSeconds} converts the trip's own times to query-date seconds.
     */
    record Ride(int trip, LocalDate serviceDate, int serviceDayOffsetSeconds, int boardPosition, int alightPosition,
                int startSeconds, int endSeconds, int departureDelaySeconds, int arrivalDelaySeconds) implements JourneyLeg {
    }
}
