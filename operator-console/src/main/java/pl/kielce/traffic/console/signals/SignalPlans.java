package pl.kielce.traffic.console.signals;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.kielce.traffic.console.audit.AuditLog;
import pl.kielce.traffic.console.web.BadInput;
import pl.kielce.traffic.console.web.Conflict;
import pl.kielce.traffic.console.web.NotFound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signal plans proposed by the signal-timing job ({@code signals.plans.proposed}): stored, shown against the
 * plan in force, approved (→ published to {@code signals.plans.approved}) or rejected with a comment. Every
 * decision goes to the plan log and the audit log.
 *
 * <p>A proposal is JSON with {@code planId} (or {@code id}), {@code intersectionId}; optionally
 * {@code corridorId}, {@code cycleSeconds}, {@code offsetSeconds}, {@code phases} ([{id, greenSeconds}]) or
 * {@code splits}, {@code expectedDelayChangePercent} and {@code current} (the plan in force).
 */
@Service
public class SignalPlans {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PlanPublisher publisher;
    private final AuditLog audit;
    private final Clock clock;

    SignalPlans(JdbcTemplate jdbc, ObjectMapper json, PlanPublisher publisher, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    /** A plan and its decision. */
    public record Plan(String planId, String intersectionId, String corridorId, String status, JsonNode proposed,
                       JsonNode current, Double expectedDelayChangePct, Instant receivedAt, String decidedBy,
                       Instant decidedAt, String comment) {
        public List<Phase> proposedPhases() {
            return phases(proposed);
        }

        public List<Phase> currentPhases() {
            return phases(current);
        }

        public Integer proposedCycle() {
            return cycle(proposed);
        }

        public Integer currentCycle() {
            return cycle(current);
        }

        public Integer proposedOffset() {
            return proposed != null && proposed.path("offsetSeconds").isNumber() ? proposed.get("offsetSeconds").asInt() : null;
        }

        public Integer currentOffset() {
            return current != null && current.path("offsetSeconds").isNumber() ? current.get("offsetSeconds").asInt() : null;
        }
    }

    /** A phase's green for the split bar. */
    public record Phase(String id, int greenSeconds, double percentOfCycle) {
    }

    /** One plan-log line. */
    public record LogEntry(String planId, String intersectionId, String action, String actor, Instant at, String comment,
                           boolean published) {
    }

    /** Stores a proposal (idempotent by plan id); returns why it was refused, or empty. */
    @Transactional
    public Optional<String> receive(byte[] bytes) {
        JsonNode n;
        try {
            n = json.readTree(bytes);
        } catch (RuntimeException e) {
            return Optional.of("malformed JSON plan: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            return Optional.of("a plan must be a JSON object");
        }
        String planId = text(n, "planId") != null ? text(n, "planId") : text(n, "id");
        String intersection = text(n, "intersectionId");
        if (planId == null) {
            return Optional.of("plan field 'planId' is missing");
        }
        if (intersection == null) {
            return Optional.of("plan field 'intersectionId' is missing");
        }
        JsonNode current = n.get("current");
        if (current == null || !current.isObject()) {
            current = approvedPlan(intersection).orElse(null);
        }
        // boxed on purpose: a ternary of double and null would unbox the null (NPE for a proposal without the field)
        Double effect = n.path("expectedDelayChangePercent").isNumber() ? Double.valueOf(n.get("expectedDelayChangePercent").asDouble())
                : n.path("expected").path("delayChangePercent").isNumber() ? Double.valueOf(n.get("expected").get("delayChangePercent").asDouble()) : null;
        Instant now = clock.instant();
        int inserted = jdbc.update("INSERT INTO console_signal_plans (plan_id, intersection_id, corridor_id, status, proposed,"
                        + " current_plan, expected_delay_change_pct, received_at) VALUES (?, ?, ?, 'PROPOSED', ?::jsonb, ?::jsonb, ?, ?)"
                        + " ON CONFLICT (plan_id) DO NOTHING", planId, intersection, text(n, "corridorId"),
                json.writeValueAsString(n), current == null ? null : json.writeValueAsString(current), effect,
                Timestamp.from(now));
        if (inserted == 1) {
            jdbc.update("INSERT INTO console_plan_log (plan_id, intersection_id, action, actor, at) VALUES (?, ?, 'RECEIVED', 'signal-timing-job', ?)",
                    planId, intersection, Timestamp.from(now));
        }
        return Optional.empty();
    }

    public List<Plan> byStatus(String status) {
        return jdbc.query(SELECT + " WHERE status = ? ORDER BY intersection_id, received_at DESC", (rs, i) -> plan(rs), status);
    }

    public Plan get(String planId) {
        return jdbc.query(SELECT + " WHERE plan_id = ?", (rs, i) -> plan(rs), planId).stream().findFirst()
                .orElseThrow(() -> new NotFound("no plan " + planId));
    }

    public List<LogEntry> log(int limit) {
        return jdbc.query("SELECT plan_id, intersection_id, action, actor, at, comment, published FROM console_plan_log"
                + " ORDER BY id DESC LIMIT ?", (rs, i) -> new LogEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getBoolean(7)), limit);
    }

    /** The approved plan in force at an intersection (latest approval), as its proposal JSON. */
    public Optional<JsonNode> approvedPlan(String intersectionId) {
        return jdbc.queryForList("SELECT proposed::text FROM console_signal_plans WHERE intersection_id = ? AND status = 'APPROVED'"
                + " ORDER BY decided_at DESC LIMIT 1", String.class, intersectionId).stream().findFirst().map(json::readTree);
    }

    /** The approved plan and whether the broker acknowledged its publication. */
    public record Approval(Plan plan, boolean published) {
    }

    /**
     * Approves: the plan becomes the one in force, the previous approved plan and the proposals for the same
     * intersection received before this one are superseded, the plan is published.
     */
    @Transactional
    public Approval approve(String planId, String actor, String comment) {
        Plan p = proposed(planId);
        Instant now = clock.instant();
        jdbc.update("UPDATE console_signal_plans SET status = 'SUPERSEDED' WHERE intersection_id = ? AND status = 'APPROVED'",
                p.intersectionId());
        jdbc.update("UPDATE console_signal_plans SET status = 'APPROVED', decided_by = ?, decided_at = ?, decision_comment = ?"
                + " WHERE plan_id = ?", actor, Timestamp.from(now), comment, planId);
        // proposals for this intersection received before the approved one are answered by it: no longer waiting
        List<String> older = jdbc.queryForList("UPDATE console_signal_plans SET status = 'SUPERSEDED', decided_by = ?, decided_at = ?,"
                + " decision_comment = ? WHERE intersection_id = ? AND status = 'PROPOSED' AND received_at < ? RETURNING plan_id",
                String.class, actor, Timestamp.from(now), "superseded by approved plan " + planId, p.intersectionId(),
                Timestamp.from(p.receivedAt()));
        for (String o : older) {
            jdbc.update("INSERT INTO console_plan_log (plan_id, intersection_id, action, actor, at, comment) VALUES (?, ?, 'SUPERSEDED', ?, ?, ?)",
                    o, p.intersectionId(), actor, Timestamp.from(now), "superseded by approved plan " + planId);
        }
        ObjectNode approved = ((ObjectNode) p.proposed().deepCopy());
        approved.put("schemaVersion", "1.0");
        approved.put("approvedBy", actor);
        approved.put("approvedAt", now.toString());
        approved.put("comment", comment == null ? "" : comment);
        boolean published = publisher.publish(p.intersectionId(), json.writeValueAsBytes(approved));
        jdbc.update("INSERT INTO console_plan_log (plan_id, intersection_id, action, actor, at, comment, published)"
                + " VALUES (?, ?, 'APPROVED', ?, ?, ?, ?)", planId, p.intersectionId(), actor, Timestamp.from(now), comment, published);
        audit.record(actor, "PLAN_APPROVED", "plan", planId, comment,
                Map.of("intersection", p.intersectionId(), "published", published));
        return new Approval(get(planId), published);
    }

    @Transactional
    public Plan reject(String planId, String actor, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new BadInput("comment", "rejecting a plan needs a comment");
        }
        Plan p = proposed(planId);
        Instant now = clock.instant();
        jdbc.update("UPDATE console_signal_plans SET status = 'REJECTED', decided_by = ?, decided_at = ?, decision_comment = ?"
                + " WHERE plan_id = ?", actor, Timestamp.from(now), comment, planId);
        jdbc.update("INSERT INTO console_plan_log (plan_id, intersection_id, action, actor, at, comment) VALUES (?, ?, 'REJECTED', ?, ?, ?)",
                planId, p.intersectionId(), actor, Timestamp.from(now), comment);
        audit.record(actor, "PLAN_REJECTED", "plan", planId, comment, Map.of("intersection", p.intersectionId()));
        return get(planId);
    }

    private Plan proposed(String planId) {
        Plan p = get(planId);
        if (!p.status().equals("PROPOSED")) {
            throw new Conflict("plan " + planId + " is " + p.status() + ", not PROPOSED");
        }
        return p;
    }

    private static final String SELECT = "SELECT plan_id, intersection_id, corridor_id, status, proposed::text, current_plan::text,"
            + " expected_delay_change_pct, received_at, decided_by, decided_at, decision_comment FROM console_signal_plans";

    private Plan plan(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp(10);
        String current = rs.getString(6);
        return new Plan(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), json.readTree(rs.getString(5)),
                current == null ? null : json.readTree(current), (Double) rs.getObject(7), rs.getTimestamp(8).toInstant(),
                rs.getString(9), decided == null ? null : decided.toInstant(), rs.getString(11));
    }

    static Integer cycle(JsonNode plan) {
        return plan != null && plan.path("cycleSeconds").isNumber() ? plan.get("cycleSeconds").asInt() : null;
    }

    /** Phases from {@code phases: [{id|phaseId, greenSeconds}]} or {@code splits: {phase: seconds}}. */
    static List<Phase> phases(JsonNode plan) {
        if (plan == null) {
            return List.of();
        }
        Integer cycle = cycle(plan);
        List<String[]> raw = new java.util.ArrayList<>();
        if (plan.path("phases").isArray()) {
            for (JsonNode ph : plan.get("phases")) {
                String id = ph.path("id").isString() ? ph.get("id").asString() : ph.path("phaseId").asString("?");
                raw.add(new String[]{id, String.valueOf(ph.path("greenSeconds").asInt())});
            }
        } else if (plan.path("splits").isObject()) {
            for (Map.Entry<String, JsonNode> e : plan.get("splits").properties()) {
                raw.add(new String[]{e.getKey(), String.valueOf(e.getValue().asInt())});
            }
        }
        int total = cycle != null && cycle > 0 ? cycle : raw.stream().mapToInt(r -> Integer.parseInt(r[1])).sum();
        return raw.stream().map(r -> new Phase(r[0], Integer.parseInt(r[1]),
                total == 0 ? 0 : 100.0 * Integer.parseInt(r[1]) / total)).toList();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() && !v.asString().isBlank() ? v.asString() : null;
    }
}
