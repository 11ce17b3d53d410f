package pl.kielce.traffic.routing.journeys;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A journey question in the feed's local time. Defaults (used by the API and by {@code journeys eval}):
 * up to {@value #DEFAULT_MAX_TRANSFERS} transfers, access/egress walks up to {@value #DEFAULT_MAX_WALK_METERS} m,
 * {@value #DEFAULT_LIMIT} itineraries.
 */
public record JourneyRequest(LatLon from, LatLon to, LocalDateTime time, boolean arriveBy, int maxTransfers,
                             int maxWalkMeters, boolean wheelchair, int limit) {
    public static final int DEFAULT_MAX_TRANSFERS = 6;
    public static final int DEFAULT_MAX_WALK_METERS = 1000;
    public static final int DEFAULT_LIMIT = 3;

    public JourneyRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(time, "time");
    }

    public static JourneyRequest departAt(LatLon from, LatLon to, LocalDateTime departure) {
        return new JourneyRequest(from, to, departure, false, DEFAULT_MAX_TRANSFERS, DEFAULT_MAX_WALK_METERS, false, DEFAULT_LIMIT);
    }
}
