package pl.kielce.traffic.signals.job;

import com.fasterxml.jackson.databind.JsonNode;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.streams.RawRecord;

import java.nio.charset.StandardCharsets;

/**
 * An approved plan read from {@code signals.plans.approved} (the console publishes the proposal JSON plus
 * {@code approvedBy}, {@code approvedAt}): who it is for, its JSON, and where it came from (for the dead letter when
 * the plan breaks the model's constraints).
 */
public record ApprovalRecord(String group, String intersectionId, String planId, String approvedBy, String json,
                             String topic, int partition, long offset) {

    /** The approval in {@code r}, or why it is not one (no JSON object, no planId, no intersectionId). */
    public static Decoded<ApprovalRecord> parse(RawRecord r) {
        if (r.value() == null || r.value().length == 0) {
            return Decoded.failed("empty approved-plan record");
        }
        JsonNode n;
        try {
            n = ActivePlan.JSON.readTree(r.value());
        } catch (java.io.IOException e) {
            return Decoded.failed("malformed JSON for an approved plan: " + FlowSample.firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            return Decoded.failed("an approved plan must be a JSON object");
        }
        String version = PlanValidator.text(n, "schemaVersion");
        if (version != null && !version.startsWith("1.")) {
            return Decoded.failed("unsupported schemaVersion " + version + " for an approved plan (reads 1.x)");
        }
        String planId = PlanValidator.text(n, "planId");
        if (planId == null) {
            return Decoded.failed("field 'planId' is missing or blank");
        }
        String ix = PlanValidator.text(n, "intersectionId");
        if (ix == null) {
            return Decoded.failed("field 'intersectionId' is missing or blank");
        }
        return Decoded.ok(new ApprovalRecord(null, ix, planId, PlanValidator.text(n, "approvedBy"),
                new String(r.value(), StandardCharsets.UTF_8), r.topic(), r.partition(), r.offset()));
    }

    public ApprovalRecord inGroup(String newGroup) {
        return new ApprovalRecord(newGroup, intersectionId, planId, approvedBy, json, topic, partition, offset);
    }
}
