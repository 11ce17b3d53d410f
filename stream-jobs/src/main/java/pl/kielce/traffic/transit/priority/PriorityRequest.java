package pl.kielce.traffic.transit.priority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.signals.timing.TransitPriority;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;

/**
 * A transit signal priority request for the controller of one intersection, on topic
 * {@code signals.controller-requests} (key = intersection id). JSON: {@code docs/events/signal-priority-request.md}.
 * No plate and no person: the vehicle id is the operator's fleet number from GTFS-Realtime.
 *
 * @param requestId                      deterministic: the same bus, trip run, junction and movement always give the same id
 * @param kind                           EXTEND_GREEN or EARLY_GREEN
 * @param intersectionId                 the controller's intersection
 * @param movementId                     the movement the bus will use
 * @param approach                       that movement's approach (name)
 * @param seconds                        extension, or how much earlier the bus's green should start (≥ 1)
 * @param vehicleId                      fleet vehicle id
 * @param routeId                        GTFS route
 * @param tripId                         GTFS trip
 * @param serviceDate                    YYYY-MM-DD
 * @param delaySeconds                   the bus's delay against the timetable (positive = late)
 * @param distanceToStopLineMeters       along its path
 * @param observedAtEpochSeconds         the position the request was made from
 * @param expectedArrivalEpochSeconds    when the bus should reach the stop line
 * @param validUntilEpochSeconds         after this the controller ignores the request
 * @param assumedStepId                  the step the fixed-time plan is believed to run
 * @param assumedStepElapsedSeconds      how long it is believed to have run
 */
public record PriorityRequest(String requestId, TransitPriority.Kind kind, String intersectionId, String movementId,
                              String approach, int seconds, String vehicleId, String routeId, String tripId,
                              String serviceDate, int delaySeconds, int distanceToStopLineMeters,
                              long observedAtEpochSeconds, long expectedArrivalEpochSeconds, long validUntilEpochSeconds,
                              String assumedStepId, int assumedStepElapsedSeconds) {
    public static final String SCHEMA_VERSION = "1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    public PriorityRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(intersectionId, "intersectionId");
        Objects.requireNonNull(movementId, "movementId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(tripId, "tripId");
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds must be ≥ 1, was " + seconds);
        }
        if (validUntilEpochSeconds < observedAtEpochSeconds) {
            throw new IllegalArgumentException("validUntil is before observedAt");
        }
    }

    /** Same inputs, same id (UUID v3 of them): a replayed position gives a request the controller can drop as a duplicate. */
    public static String requestIdOf(String intersectionId, String movementId, String tripId, String serviceDate,
                                     String vehicleId) {
        String name = String.join("|", "tsp", intersectionId, movementId, tripId, serviceDate, vehicleId);
        return "tsp-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Kafka key: the intersection, so one controller's requests stay in order. */
    public String key() {
        return intersectionId;
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("schemaVersion", SCHEMA_VERSION);
        n.put("requestId", requestId);
        n.put("kind", kind.name());
        n.put("intersectionId", intersectionId);
        n.put("movementId", movementId);
        n.put("approach", approach);
        n.put("seconds", seconds);
        n.put("vehicleId", vehicleId);
        n.put("routeId", routeId);
        n.put("tripId", tripId);
        n.put("serviceDate", serviceDate);
        n.put("delaySeconds", delaySeconds);
        n.put("distanceToStopLineMeters", distanceToStopLineMeters);
        n.put("observedAt", Instant.ofEpochSecond(observedAtEpochSeconds).toString());
        n.put("expectedArrivalAt", Instant.ofEpochSecond(expectedArrivalEpochSeconds).toString());
        n.put("validUntil", Instant.ofEpochSecond(validUntilEpochSeconds).toString());
        ObjectNode assumed = n.putObject("assumedSignalState");
        assumed.put("source", "FIXED_TIME_PLAN");
        assumed.put("stepId", assumedStepId);
        assumed.put("elapsedSeconds", assumedStepElapsedSeconds);
        return n.toString();
    }

    /** Reads the JSON of {@link #toJson()}; never throws: the value, or a reason naming the field. */
    public static Decoded<PriorityRequest> fromJson(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Decoded.failed("empty payload, expected a JSON PriorityRequest");
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Decoded.failed("not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return Decoded.failed("not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            return Decoded.failed("not a JSON object");
        }
        String version = n.path("schemaVersion").asText("");
        if (!version.startsWith("1.")) {
            return Decoded.failed("unsupported schemaVersion '" + version + "' for PriorityRequest (reads 1.x)");
        }
        try {
            JsonNode assumed = n.path("assumedSignalState");
            return Decoded.ok(new PriorityRequest(text(n, "requestId"), kind(n), text(n, "intersectionId"),
                    text(n, "movementId"), n.path("approach").asText(null), integer(n, "seconds"), text(n, "vehicleId"),
                    n.path("routeId").asText(null), text(n, "tripId"), n.path("serviceDate").asText(null),
                    integer(n, "delaySeconds"), integer(n, "distanceToStopLineMeters"), instant(n, "observedAt"),
                    instant(n, "expectedArrivalAt"), instant(n, "validUntil"), assumed.path("stepId").asText(null),
                    assumed.path("elapsedSeconds").asInt(0)));
        } catch (IllegalArgumentException e) {
            return Decoded.failed(e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a non-blank string");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field " + field + " is missing or not an integer");
        }
        return v.asInt();
    }

    private static TransitPriority.Kind kind(JsonNode n) {
        String k = text(n, "kind");
        try {
            return TransitPriority.Kind.valueOf(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field kind must be EXTEND_GREEN or EARLY_GREEN, was '" + k + "'");
        }
    }

    private static long instant(JsonNode n, String field) {
        String t = text(n, field);
        try {
            return Instant.parse(t).getEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field " + field + " is not an ISO-8601 instant: '" + t + "'");
        }
    }
}
