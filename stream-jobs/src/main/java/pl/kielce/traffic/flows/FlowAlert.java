package pl.kielce.traffic.flows;

import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.TrafficAlert;

import java.time.Instant;
import java.util.Map;

/**
 * An alert of the flow job, written to {@code traffic.alerts} as the shared {@link TrafficAlert} event:
 * {@code source} "flows", {@code kind} one of {@link Kind}, a stable {@code alertId} (a replay raises the same alert
 * again, the console keeps one), the subject ({@code intersectionId} + {@code approach}, plus {@code detectorId} /
 * {@code cameraId}, or {@code degreeOfSaturation} + {@code intervals} for congestion), {@code observedAt}, a
 * one-sentence {@code message} and, when the intersection's location is known, {@code lon}/{@code lat}.
 */
public record FlowAlert(Kind kind, String alertId, String intersectionId, String approach, String deviceId,
                        double degreeOfSaturation, int intervals, long observedAtEpochMs, String message,
                        double longitude, double latitude) {
    public enum Kind { CONGESTION, SILENT_DETECTOR, SILENT_CAMERA }

    /** Kafka key: the intersection (or the device for silence alerts of unmapped devices). */
    public String key() {
        return intersectionId != null ? intersectionId : deviceId;
    }

    public TrafficAlert toAlert() {
        Map<String, Object> subject = TrafficAlert.subject("intersectionId", intersectionId, "approach", approach);
        if (kind == Kind.SILENT_CAMERA) {
            subject.put("cameraId", deviceId);
        } else if (kind == Kind.SILENT_DETECTOR) {
            subject.put("detectorId", deviceId);
        }
        if (kind == Kind.CONGESTION) {
            subject.put("degreeOfSaturation", Math.round(degreeOfSaturation * 10_000d) / 10_000d);
            subject.put("intervals", intervals);
        }
        boolean located = Double.isFinite(longitude) && Double.isFinite(latitude);
        return new TrafficAlert("flows", kind.name(), alertId,
                kind == Kind.CONGESTION ? TrafficAlert.Severity.WARNING : TrafficAlert.Severity.INFO, subject,
                Instant.ofEpochMilli(observedAtEpochMs), message, located ? longitude : null, located ? latitude : null);
    }

    public String toJson() {
        return EventCodec.encodeToString(toAlert());
    }
}
