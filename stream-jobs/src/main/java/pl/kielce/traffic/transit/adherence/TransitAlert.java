package pl.kielce.traffic.transit.adherence;

import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.TrafficAlert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A transit alert for {@code traffic.alerts}, written as the shared {@link TrafficAlert} event ({@link #toJson()}):
 * {@code schemaVersion} "1.0", {@code source} "transit" and {@code kind} {@code TRANSIT_LARGE_DELAY} or
 * {@code TRANSIT_BUNCHING}, the fields below flat as subject fields.
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

    /** As the shared alert event of {@code traffic.alerts} (no alertId: the console derives one from the record). */
    public TrafficAlert toAlert() {
        Map<String, Object> subject = TrafficAlert.subject("routeId", routeId, "directionKey", directionKey,
                "tripId", tripId, "vehicleId", vehicleId, "stopId", stopId, "delaySeconds", delaySeconds);
        if (headwaySeconds >= 0) {
            subject.put("headwaySeconds", headwaySeconds);
            subject.put("scheduledHeadwaySeconds", scheduledHeadwaySeconds);
            subject.put("precedingTripId", precedingTripId);
        }
        return new TrafficAlert("transit", kind.name(), null,
                kind == Kind.TRANSIT_LARGE_DELAY ? TrafficAlert.Severity.WARNING : TrafficAlert.Severity.INFO, subject,
                Instant.ofEpochSecond(observedAtEpochSeconds), message, null, null);
    }

    public String toJson() {
        return EventCodec.encodeToString(toAlert());
    }
}
