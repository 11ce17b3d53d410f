package pl.kielce.traffic.routing.transit.scan;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A validated journey question. {@code timeSeconds} is seconds after midnight of {@code date} in the
 * feed's time zone; with {@code arriveBy} it is the latest arrival, else the earliest departure.
 */
public record JourneyQuery(double fromLat, double fromLon, double toLat, double toLon, LocalDate date, int timeSeconds,
                           boolean arriveBy, int maxTransfers, int maxWalkMeters, boolean wheelchair, int limit) {
    public static final int MAX_TRANSFERS_LIMIT = 8;

    public JourneyQuery {
        Objects.requireNonNull(date, "date");
        checkLatLon(fromLat, fromLon, "from");
        checkLatLon(toLat, toLon, "to");
        if (timeSeconds < 0 || timeSeconds >= 86_400) {
            throw new IllegalArgumentException("timeSeconds must be within the day: " + timeSeconds);
        }
        if (maxTransfers < 0 || maxTransfers > MAX_TRANSFERS_LIMIT) {
            throw new IllegalArgumentException("maxTransfers must be in [0, " + MAX_TRANSFERS_LIMIT + "]: " + maxTransfers);
        }
        if (maxWalkMeters < 0 || maxWalkMeters > 5_000) {
            throw new IllegalArgumentException("maxWalkMeters must be in [0, 5000]: " + maxWalkMeters);
        }
        if (limit < 1 || limit > 10) {
            throw new IllegalArgumentException("limit must be in [1, 10]: " + limit);
        }
    }

    private static void checkLatLon(double lat, double lon, String name) {
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException(name + " is not a latitude,longitude: " + lat + "," + lon);
        }
    }
}
