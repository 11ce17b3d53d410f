package pl.kielce.traffic.routing.transit.realtime;

import java.time.LocalDate;
import java.util.Objects;

/** One run of a trip: the trip index in the timetable and its service date. */
public record TripInstance(int trip, LocalDate serviceDate) {
    public TripInstance {
        if (trip < 0) {
            throw new IllegalArgumentException("trip index must be >= 0: " + trip);
        }
        Objects.requireNonNull(serviceDate, "serviceDate");
    }
}
