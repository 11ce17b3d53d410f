package pl.kielce.traffic.events;

import java.util.List;

/**
 * Kafka topic names, the only place they are spelled out. Payloads: JSON events of this module
 * (with {@code schemaVersion}) except the {@code transit.*} topics, which carry GTFS-Realtime
 * {@code FeedMessage} protobuf bytes (see {@link TransitFeeds}).
 */
public final class Topics {
    private Topics() {
    }

    /** {@link AnprRead}, key = camera id. */
    public static final String ANPR_READS = "anpr.reads";
    /** {@link DeadLetter} for records of {@code anpr.reads} that failed validation. */
    public static final String ANPR_READS_DLQ = "anpr.reads.dlq";
    /** {@link DeadLetter} for every other source topic (the record names its source topic). */
    public static final String DEAD_LETTER = "deadletter";
    /** {@link Violation} with kind VIOLATION, key = plate. */
    public static final String CTZ_VIOLATIONS = "ctz.violations";
    /** {@link Violation} with kind REVIEW (a human must decide), key = plate. */
    public static final String CTZ_REVIEWS = "ctz.reviews";
    /** {@link EvidenceClaim}, key = evidence reference. */
    public static final String EVIDENCE_CLAIMS = "evidence.claims";
    /** {@link DetectorCount}, key = detector id. */
    public static final String TRAFFIC_DETECTOR_COUNTS = "traffic.detector-counts";
    /** Aggregated flows (owned by the flows job). */
    public static final String TRAFFIC_FLOWS = "traffic.flows";
    /** Traffic alerts (owned by the flows job). */
    public static final String TRAFFIC_ALERTS = "traffic.alerts";
    /** GTFS-Realtime FeedMessage bytes with vehicle positions. */
    public static final String TRANSIT_VEHICLE_POSITIONS = "transit.vehicle-positions";
    /** GTFS-Realtime FeedMessage bytes with trip updates. */
    public static final String TRANSIT_TRIP_UPDATES = "transit.trip-updates";
    public static final String SIGNALS_PLANS_PROPOSED = "signals.plans.proposed";
    public static final String SIGNALS_PLANS_APPROVED = "signals.plans.approved";
    public static final String SIGNALS_CONTROLLER_REQUESTS = "signals.controller-requests";
    public static final String POLICY_UPDATES = "policy.updates";
    /** {@link PassageCount}, key = camera id. Never carries a plate. */
    public static final String COUNTS_PASSAGES = "counts.passages";

    /** Every topic, e.g. for creating them all in a local stack. */
    public static final List<String> ALL = List.of(
            ANPR_READS, ANPR_READS_DLQ, DEAD_LETTER, CTZ_VIOLATIONS, CTZ_REVIEWS, EVIDENCE_CLAIMS,
            TRAFFIC_DETECTOR_COUNTS, TRAFFIC_FLOWS, TRAFFIC_ALERTS,
            TRANSIT_VEHICLE_POSITIONS, TRANSIT_TRIP_UPDATES,
            SIGNALS_PLANS_PROPOSED, SIGNALS_PLANS_APPROVED, SIGNALS_CONTROLLER_REQUESTS,
            POLICY_UPDATES, COUNTS_PASSAGES);

    /** The dead-letter topic for records that failed on {@code sourceTopic}. */
    public static String deadLetterFor(String sourceTopic) {
        return ANPR_READS.equals(sourceTopic) ? ANPR_READS_DLQ : DEAD_LETTER;
    }
}
