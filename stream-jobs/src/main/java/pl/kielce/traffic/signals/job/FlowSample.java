package pl.kielce.traffic.signals.job;

import com.fasterxml.jackson.databind.JsonNode;
import pl.kielce.traffic.events.Decoded;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One approach's flow in one interval, read from {@code traffic.flows} (ApproachFlow JSON 1.x of the flow job), with
 * the coordination group it is planned in.
 */
public record FlowSample(String group, String intersectionId, String approach, String source,
                         long intervalStartEpochMs, long intervalEndEpochMs, double flowVehPerHour) {
    /** Ten lanes discharging at 2000 veh/h each: more than any approach can carry, so a counting error. */
    public static final double MAX_FLOW_VEH_PER_HOUR = 20_000;

    /** The fields the job needs from a {@code traffic.flows} record, or why it cannot use it (naming the field). */
    public static Decoded<FlowSample> parse(byte[] value) {
        if (value == null || value.length == 0) {
            return Decoded.failed("empty traffic.flows record");
        }
        JsonNode n;
        try {
            n = ActivePlan.JSON.readTree(value);
        } catch (java.io.IOException e) {
            return Decoded.failed("malformed JSON for ApproachFlow: " + firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            return Decoded.failed("an ApproachFlow must be a JSON object");
        }
        String version = PlanValidator.text(n, "schemaVersion");
        if (version == null) {
            return Decoded.failed("field 'schemaVersion' is missing");
        }
        if (!version.startsWith("1.")) {
            return Decoded.failed("unsupported schemaVersion " + version + " for ApproachFlow (reads 1.x)");
        }
        for (String f : new String[]{"intersectionId", "approach", "source", "intervalStart", "intervalEnd"}) {
            if (PlanValidator.text(n, f) == null) {
                return Decoded.failed("field '" + f + "' is missing or blank");
            }
        }
        long start;
        long end;
        try {
            start = Instant.parse(n.get("intervalStart").asText()).toEpochMilli();
            end = Instant.parse(n.get("intervalEnd").asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Decoded.failed("fields 'intervalStart'/'intervalEnd' must be ISO-8601 instants");
        }
        if (end <= start) {
            return Decoded.failed("field 'intervalEnd' must be after 'intervalStart'");
        }
        JsonNode q = n.get("flowVehPerHour");
        if (q == null || !q.isNumber() || !Double.isFinite(q.asDouble()) || q.asDouble() < 0) {
            return Decoded.failed("field 'flowVehPerHour' must be a number ≥ 0");
        }
        if (q.asDouble() > MAX_FLOW_VEH_PER_HOUR) {
            return Decoded.failed("field 'flowVehPerHour' " + q.asDouble() + " is not a plausible approach flow (> "
                    + (int) MAX_FLOW_VEH_PER_HOUR + " veh/h)");
        }
        return Decoded.ok(new FlowSample(null, n.get("intersectionId").asText(), n.get("approach").asText(),
                n.get("source").asText(), start, end, q.asDouble()));
    }

    public FlowSample inGroup(String newGroup) {
        return new FlowSample(newGroup, intersectionId, approach, source, intervalStartEpochMs, intervalEndEpochMs,
                flowVehPerHour);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
