package pl.kielce.traffic.flows;

import java.time.Instant;

/**
 * An alert of the flow job for {@code traffic.alerts}, shaped like the transit job's: {@code schemaVersion} "1.0",
 * {@code source} "flows", {@code kind} one of {@link Kind}, a stable {@code alertId} (a replay raises the same alert
 * again, the console keeps one), the subject ({@code intersectionId} + {@code approach}, or {@code detectorId} /
 * {@code cameraId}), {@code observedAt} and a one-sentence {@code message}.
 */
public record FlowAlert(Kind kind, String alertId, String intersectionId, String approach, String deviceId,
                        double degreeOfSaturation, int intervals, long observedAtEpochMs, String message) {
    public enum Kind { CONGESTION, SILENT_DETECTOR, SILENT_CAMERA }

    public static final String SCHEMA_VERSION = "1.0";

    /** Kafka key: the intersection (or the device for silence alerts of unmapped devices). */
    public String key() {
        return intersectionId != null ? intersectionId : deviceId;
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(320).append('{');
        Json.field(b, "schemaVersion", SCHEMA_VERSION).append(',');
        Json.field(b, "source", "flows").append(',');
        Json.field(b, "kind", kind.name()).append(',');
        Json.field(b, "alertId", alertId).append(',');
        Json.field(b, "severity", kind == Kind.CONGESTION ? "WARNING" : "INFO").append(',');
        Json.field(b, "intersectionId", intersectionId).append(',');
        Json.field(b, "approach", approach).append(',');
        if (kind == Kind.SILENT_CAMERA) {
            Json.field(b, "cameraId", deviceId).append(',');
        } else if (kind == Kind.SILENT_DETECTOR) {
            Json.field(b, "detectorId", deviceId).append(',');
        }
        if (kind == Kind.CONGESTION) {
            Json.number(b, "degreeOfSaturation", degreeOfSaturation).append(',');
            b.append("\"intervals\":").append(intervals).append(',');
        }
        Json.field(b, "observedAt", Instant.ofEpochMilli(observedAtEpochMs).toString()).append(',');
        Json.field(b, "message", message);
        return b.append('}').toString();
    }
}
