package pl.kielce.traffic.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An alert for an operator on {@link Topics#TRAFFIC_ALERTS}, raised by any job (flows, transit, …) and shown by the
 * operator console. JSON, in this order: {@code schemaVersion}, {@code source} (the raising job, e.g. "flows"),
 * {@code kind} (e.g. {@code CONGESTION}), {@code alertId} (stable id of the alert, so a replay raises the same one;
 * omitted when the source has none), {@code severity}, then the <b>subject fields</b> flat as given (e.g.
 * {@code intersectionId}, {@code detectorId}, {@code routeId}, {@code delaySeconds} — strings, numbers, booleans or
 * null), {@code observedAt}, {@code message} (one sentence), {@code lon}/{@code lat} (omitted when unknown).
 *
 * @param source     non-blank
 * @param kind       non-blank
 * @param alertId    nullable, not blank
 * @param severity   required
 * @param subject    flat fields naming what the alert is about; names must not clash with the fields above, values
 *                   are strings, finite numbers, booleans or null; may be empty
 * @param observedAt when it was observed, required
 * @param message    non-blank
 * @param lon        WGS84, nullable (with lat)
 * @param lat        WGS84, nullable (with lon)
 */
@JsonPropertyOrder({"source", "kind", "alertId", "severity", "subject", "observedAt", "message", "lon", "lat"})
public record TrafficAlert(
        String source,
        String kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) String alertId,
        Severity severity,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> subject,
        Instant observedAt,
        String message,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double lon,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double lat) {

    public enum Severity { INFO, WARNING, CRITICAL }

    private static final Set<String> RESERVED = Set.of(EventCodec.SCHEMA_VERSION_FIELD, "source", "kind", "alertId",
            "severity", "observedAt", "message", "lon", "lat");

    public TrafficAlert {
        Checks.text("source", source);
        Checks.text("kind", kind);
        if (alertId != null && alertId.isBlank()) {
            throw new IllegalArgumentException("alertId must not be blank");
        }
        Checks.present("severity", severity);
        Checks.present("observedAt", observedAt);
        Checks.text("message", message);
        Map<String, Object> copy = new LinkedHashMap<>();
        if (subject != null) {
            for (Map.Entry<String, Object> e : subject.entrySet()) {
                String name = e.getKey();
                Object v = e.getValue();
                if (name == null || name.isBlank() || RESERVED.contains(name)) {
                    throw new IllegalArgumentException("subject field name '" + name + "' is blank or reserved");
                }
                if (v != null && !(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
                    throw new IllegalArgumentException("subject field '" + name + "' must be a string, number, boolean or null");
                }
                if (v instanceof Number n && !Double.isFinite(n.doubleValue())) {
                    throw new IllegalArgumentException("subject field '" + name + "' must be a finite number, was " + n);
                }
                copy.put(name, v);
            }
        }
        subject = Collections.unmodifiableMap(copy);
        if ((lon == null) != (lat == null)) {
            throw new IllegalArgumentException("lon and lat go together");
        }
        if (lon != null && (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90))) {
            throw new IllegalArgumentException("lon/lat out of range: " + lon + ", " + lat);
        }
    }

    /** Subject fields from name/value pairs, in order: {@code subject("routeId", "5", "delaySeconds", 360)}. */
    public static Map<String, Object> subject(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("subject needs name/value pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }
}
