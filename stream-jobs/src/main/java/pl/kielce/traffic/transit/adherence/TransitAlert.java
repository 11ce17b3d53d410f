package pl.kielce.traffic.transit.adherence;

import java.time.Instant;
import java.util.Objects;

/**
 * A transit alert for {@code traffic.alerts}. JSON (see {@link #toJson()}) with {@code schemaVersion}
 * "1.0", {@code source} "transit" and {@code kind} {@code TRANSIT_LARGE_DELAY} or {@code TRANSIT_BUNCHING}.
 *
 * @param kind                       what happened
 * @param routeId                    route
 * @param directionKey               route + direction
 * @param tripId                     the trip concerned (for bunching: the following, too-close trip)
 * @param vehicleId                  its vehicle
 * @param stopId                     the stop where it was seen (may be null)
 * @param delaySeconds               the trip's delay
 * @param headwaySeconds             actual headway to the preceding vehicle (bunching), else -1
 * @param scheduledHeadwaySeconds    scheduled headway (bunching), else -1
 * @param precedingTripId            the preceding trip (bunching), else null
 * @param observedAtEpochSeconds     when
 * @param message                    one sentence for an operator
 */
public record TransitAlert(Kind kind, String routeId, String directionKey, String tripId, String vehicleId,
                           String stopId, int delaySeconds, long headwaySeconds, long scheduledHeadwaySeconds,
                           String precedingTripId, long observedAtEpochSeconds, String message) {
    public enum Kind { TRANSIT_LARGE_DELAY, TRANSIT_BUNCHING }

    public static final String SCHEMA_VERSION = "1.0";

    public TransitAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(tripId, "tripId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(message, "message");
    }

    /** Kafka key: the route, so one route's alerts stay in order. */
    public String key() {
        return routeId;
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(320).append('{');
        field(b, "schemaVersion", SCHEMA_VERSION).append(',');
        field(b, "source", "transit").append(',');
        field(b, "kind", kind.name()).append(',');
        field(b, "severity", kind == Kind.TRANSIT_LARGE_DELAY ? "WARNING" : "INFO").append(',');
        field(b, "routeId", routeId).append(',');
        field(b, "directionKey", directionKey).append(',');
        field(b, "tripId", tripId).append(',');
        field(b, "vehicleId", vehicleId).append(',');
        field(b, "stopId", stopId).append(',');
        b.append("\"delaySeconds\":").append(delaySeconds).append(',');
        if (headwaySeconds >= 0) {
            b.append("\"headwaySeconds\":").append(headwaySeconds).append(',');
            b.append("\"scheduledHeadwaySeconds\":").append(scheduledHeadwaySeconds).append(',');
            field(b, "precedingTripId", precedingTripId).append(',');
        }
        field(b, "observedAt", Instant.ofEpochSecond(observedAtEpochSeconds).toString()).append(',');
        field(b, "message", message);
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        if (value == null) {
            return b.append("null");
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
