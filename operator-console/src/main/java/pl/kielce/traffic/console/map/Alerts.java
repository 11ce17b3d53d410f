package pl.kielce.traffic.console.map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import pl.kielce.traffic.console.audit.AuditLog;
import pl.kielce.traffic.console.web.NotFound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts on the live map ({@code console_alerts}): from {@code traffic.alerts} (flows and transit jobs) and the
 * console's own checks (silent cameras, dead-letter spikes). Operators acknowledge them; each acknowledgement
 * is audited.
 */
@Service
public class Alerts {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Clock clock;

    Alerts(JdbcTemplate jdbc, ObjectMapper json, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** One alert as shown. */
    public record Alert(String id, String kind, String severity, String subjectId, String message, Instant raisedAt,
                        Double lon, Double lat, String acknowledgedBy, Instant acknowledgedAt, String ackComment) {
    }

    /** Raises an alert (idempotent by id). */
    public void raise(String id, String kind, String severity, String subjectId, String message, Instant raisedAt,
                      Double lon, Double lat) {
        jdbc.update("INSERT INTO console_alerts (alert_id, kind, severity, subject_id, message, raised_at, lon, lat)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO NOTHING",
                id, kind, severity, subjectId, message, Timestamp.from(raisedAt), lon, lat);
    }

    /**
     * Stores an alert record of {@code traffic.alerts} (JSON with {@code kind} and {@code message}; optional
     * {@code alertId}, {@code severity}, subject fields, {@code observedAt}/{@code raisedAt}, {@code lon}/{@code lat}).
     * Returns why it was refused, or empty. Never throws on bad input.
     */
    public Optional<String> ingest(byte[] bytes) {
        JsonNode n;
        try {
            n = json.readTree(bytes);
        } catch (RuntimeException e) {
            return Optional.of("malformed JSON alert: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            return Optional.of("an alert must be a JSON object");
        }
        String kind = text(n, "kind");
        String message = text(n, "message");
        if (kind == null) {
            return Optional.of("alert field 'kind' is missing");
        }
        if (message == null) {
            return Optional.of("alert field 'message' is missing");
        }
        Instant at;
        try {
            String t = text(n, "raisedAt") != null ? text(n, "raisedAt") : text(n, "observedAt");
            at = t == null ? clock.instant() : Instant.parse(t);
        } catch (DateTimeParseException e) {
            return Optional.of("alert field 'observedAt' is not an ISO-8601 instant");
        }
        String subject = first(n, "intersectionId", "cameraId", "detectorId", "routeId", "vehicleId", "subjectId");
        String id = text(n, "alertId") != null ? text(n, "alertId") : text(n, "id") != null ? text(n, "id")
                : kind + ":" + sha(new String(bytes, StandardCharsets.UTF_8));
        String severity = text(n, "severity") == null ? "WARNING" : text(n, "severity");
        Double lon = n.path("lon").isNumber() ? n.get("lon").asDouble() : null;
        Double lat = n.path("lat").isNumber() ? n.get("lat").asDouble() : null;
        raise(id.length() > 120 ? id.substring(0, 120) : id, kind, severity, subject, message, at, lon, lat);
        return Optional.empty();
    }

    public List<Alert> open(int limit) {
        return jdbc.query("SELECT alert_id, kind, severity, subject_id, message, raised_at, lon, lat, acknowledged_by,"
                + " acknowledged_at, ack_comment FROM console_alerts WHERE acknowledged_at IS NULL"
                + " ORDER BY raised_at DESC LIMIT ?", (rs, i) -> new Alert(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                (Double) rs.getObject(7), (Double) rs.getObject(8), null, null, null), limit);
    }

    public void acknowledge(String id, String actor, String comment) {
        int n = jdbc.update("UPDATE console_alerts SET acknowledged_by = ?, acknowledged_at = ?, ack_comment = ?"
                + " WHERE alert_id = ? AND acknowledged_at IS NULL", actor, Timestamp.from(clock.instant()), comment, id);
        if (n == 0) {
            throw new NotFound("no open alert " + id);
        }
        audit.record(actor, "ALERT_ACKNOWLEDGED", "alert", id, comment, Map.of());
    }

    private static String first(JsonNode n, String... names) {
        for (String name : names) {
            if (text(n, name) != null) {
                return text(n, name);
            }
        }
        return null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() && !v.asString().isBlank() ? v.asString() : null;
    }

    private static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
