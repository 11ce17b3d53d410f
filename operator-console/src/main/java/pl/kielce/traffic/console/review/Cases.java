package pl.kielce.traffic.console.review;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import pl.kielce.traffic.console.review.CaseRecords.Action;
import pl.kielce.traffic.console.review.CaseRecords.Box;
import pl.kielce.traffic.console.review.CaseRecords.Candidate;
import pl.kielce.traffic.console.review.CaseRecords.Detail;
import pl.kielce.traffic.console.review.CaseRecords.Filter;
import pl.kielce.traffic.console.review.CaseRecords.Notice;
import pl.kielce.traffic.console.review.CaseRecords.Summary;
import pl.kielce.traffic.events.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Cases ({@code ctz_cases}) and their review ({@code ctz_case_reviews}, {@code ctz_case_actions}, {@code ctz_notices}). */
@Repository
public class Cases {
    /** Days in the queue filter are local days in Kielce. */
    static final ZoneId CITY_ZONE = ZoneId.of("Europe/Warsaw");
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    Cases(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A newer decision about a case nobody has reviewed yet. */
    private static final String REDECIDED = "(EXCLUDED.decided_at > ctz_cases.decided_at AND NOT EXISTS "
            + "(SELECT 1 FROM ctz_case_reviews cr WHERE cr.case_id = ctz_cases.id))";

    /** Optional facts a writer may add to a decision (recognition and register data). */
    public record Extras(String cameraId, Double confidence, List<Candidate> candidates, Box plateBox, String vehicleJson) {
        public static final Extras NONE = new Extras(null, null, null, null, null);
    }

    /**
     * Inserts a decision, or – when its id exists (re-delivery, later passages the same day, the enforcement job's
     * JDBC sink wrote it first, or a later run of the job decided the vehicle again) – merges the passages and
     * evidence (set union), keeps the earliest first sighting and fills optional facts still missing. A newer decision
     * (later {@code decided_at}) replaces the older one only while nobody has reviewed the case — the same rule as the
     * job's writer. Idempotent by id; never touches the review; never drops a reference another writer added.
     */
    public void upsert(Violation v, Extras x) {
        jdbc.update("""
                INSERT INTO ctz_cases (id, kind, plate, country, zone_id, stage_id, policy_id, policy_version, reason,
                    explanation, first_seen, decided_at, passage_refs, evidence_refs, camera_id, confidence, candidates,
                    plate_box, vehicle)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
                ON CONFLICT (id) DO UPDATE SET
                    passage_refs = ARRAY(SELECT DISTINCT r FROM unnest(ctz_cases.passage_refs || EXCLUDED.passage_refs) r ORDER BY r),
                    evidence_refs = ARRAY(SELECT DISTINCT r FROM unnest(ctz_cases.evidence_refs || EXCLUDED.evidence_refs) r ORDER BY r),
                    first_seen = LEAST(ctz_cases.first_seen, EXCLUDED.first_seen),
                    kind = CASE WHEN %1$s THEN EXCLUDED.kind ELSE ctz_cases.kind END,
                    stage_id = CASE WHEN %1$s THEN EXCLUDED.stage_id ELSE ctz_cases.stage_id END,
                    policy_version = CASE WHEN %1$s THEN EXCLUDED.policy_version ELSE ctz_cases.policy_version END,
                    reason = CASE WHEN %1$s THEN EXCLUDED.reason ELSE ctz_cases.reason END,
                    explanation = CASE WHEN %1$s THEN EXCLUDED.explanation ELSE ctz_cases.explanation END,
                    decided_at = CASE WHEN %1$s THEN EXCLUDED.decided_at ELSE ctz_cases.decided_at END,
                    camera_id = coalesce(ctz_cases.camera_id, EXCLUDED.camera_id),
                    confidence = coalesce(ctz_cases.confidence, EXCLUDED.confidence),
                    candidates = coalesce(ctz_cases.candidates, EXCLUDED.candidates),
                    plate_box = coalesce(ctz_cases.plate_box, EXCLUDED.plate_box),
                    vehicle = coalesce(ctz_cases.vehicle, EXCLUDED.vehicle),
                    updated_at = now()
                """.formatted(REDECIDED), v.id(), v.kind().name(), v.plate(), v.country(), v.zoneId(), v.stageId(), v.policyId(),
                v.policyVersion(), v.reason(), v.explanation(), Timestamp.from(v.firstSeen()),
                Timestamp.from(v.decidedAt()), v.passageRefs().toArray(String[]::new),
                v.evidenceRefs().toArray(String[]::new), x.cameraId(), x.confidence(),
                x.candidates() == null ? null : json.writeValueAsString(x.candidates()),
                x.plateBox() == null ? null : json.writeValueAsString(x.plateBox()), x.vehicleJson());
    }

    public List<Summary> search(Filter f, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                SELECT c.id, c.kind, c.plate, c.camera_id, c.zone_id, c.stage_id, c.reason, c.first_seen,
                       coalesce(r.status, 'NEW'), c.confidence
                FROM ctz_cases c LEFT JOIN ctz_case_reviews r ON r.case_id = c.id WHERE true""");
        if (f.stageId() != null) {
            sql.append(" AND c.stage_id = ?");
            args.add(f.stageId());
        }
        if (f.cameraId() != null) {
            sql.append(" AND c.camera_id = ?");
            args.add(f.cameraId());
        }
        if (f.kind() != null) {
            sql.append(" AND c.kind = ?");
            args.add(f.kind());
        }
        if (f.day() != null) {
            sql.append(" AND c.first_seen >= ? AND c.first_seen < ?");
            args.add(Timestamp.from(f.day().atStartOfDay(CITY_ZONE).toInstant()));
            args.add(Timestamp.from(f.day().plusDays(1).atStartOfDay(CITY_ZONE).toInstant()));
        }
        if (f.status() != null) {
            sql.append(" AND coalesce(r.status, 'NEW') = ?");
            args.add(f.status().name());
        }
        sql.append(" ORDER BY c.first_seen DESC, c.id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                CaseStatus.valueOf(rs.getString(9)), (Double) rs.getObject(10)), args.toArray());
    }

    /** Distinct stages and cameras, for the filter menus. */
    public List<String> stages() {
        return jdbc.queryForList("SELECT DISTINCT stage_id FROM ctz_cases ORDER BY 1", String.class);
    }

    public List<String> cameras() {
        return jdbc.queryForList("SELECT DISTINCT camera_id FROM ctz_cases WHERE camera_id IS NOT NULL ORDER BY 1",
                String.class);
    }

    public Optional<Detail> find(String id) {
        List<Detail> found = jdbc.query("""
                SELECT c.id, c.kind, c.plate, c.country, c.zone_id, c.stage_id, c.policy_id, c.policy_version, c.reason,
                       c.explanation, c.first_seen, c.decided_at, c.passage_refs, c.evidence_refs, c.camera_id,
                       c.confidence, c.candidates::text, c.plate_box::text, c.vehicle::text,
                       coalesce(r.status, 'NEW'), r.second_check_requested_by, r.decided_by, r.reject_reason,
                       coalesce(r.version, 0), r.evidence_deleted_at
                FROM ctz_cases c LEFT JOIN ctz_case_reviews r ON r.case_id = c.id WHERE c.id = ?""",
                (rs, i) -> detail(rs, id), id);
        return found.stream().findFirst();
    }

    private Detail detail(ResultSet rs, String id) throws SQLException {
        ReviewState review = new ReviewState(CaseStatus.valueOf(rs.getString(20)), rs.getString(21), rs.getString(22),
                rs.getString(23), rs.getInt(24));
        Timestamp deleted = rs.getTimestamp(25);
        return new Detail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(), strings(rs.getArray(13)),
                strings(rs.getArray(14)), rs.getString(15), (Double) rs.getObject(16), candidates(rs.getString(17)),
                box(rs.getString(18)), rs.getString(19), review, deleted == null ? null : deleted.toInstant(),
                history(id), notice(id).orElse(null));
    }

    public List<Action> history(String id) {
        return jdbc.query("SELECT at, actor, action, from_status, to_status, comment FROM ctz_case_actions"
                        + " WHERE case_id = ? ORDER BY id",
                (rs, i) -> new Action(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        CaseStatus.valueOf(rs.getString(4)), CaseStatus.valueOf(rs.getString(5)), rs.getString(6)), id);
    }

    public Optional<Notice> notice(String caseId) {
        return jdbc.query("SELECT number, issued_at, issued_by, amount_pln FROM ctz_notices WHERE case_id = ?",
                (rs, i) -> new Notice(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getInt(4)),
                caseId).stream().findFirst();
    }

    /**
     * Stores a transition if nobody changed the case meanwhile (optimistic lock on the review version).
     *
     * @return false when the case changed meanwhile
     */
    @Transactional
    public boolean transition(String caseId, ReviewState from, ReviewState to, ReviewAction action, String actor,
                              String comment, Instant at) {
        int n;
        if (from.version() == 0) {
            n = jdbc.update("""
                    INSERT INTO ctz_case_reviews (case_id, status, second_check_requested_by, decided_by, decided_at,
                        reject_reason, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING""",
                    caseId, to.status().name(), to.secondCheckRequestedBy(), to.decidedBy(), Timestamp.from(at),
                    to.rejectReason(), to.version(), Timestamp.from(at));
        } else {
            n = jdbc.update("""
                    UPDATE ctz_case_reviews SET status = ?, second_check_requested_by = ?, decided_by = ?, decided_at = ?,
                        reject_reason = ?, version = ?, updated_at = ? WHERE case_id = ? AND version = ?""",
                    to.status().name(), to.secondCheckRequestedBy(), to.decidedBy(), Timestamp.from(at),
                    to.rejectReason(), to.version(), Timestamp.from(at), caseId, from.version());
        }
        if (n != 1) {
            return false;
        }
        jdbc.update("INSERT INTO ctz_case_actions (case_id, at, actor, action, from_status, to_status, comment)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", caseId, Timestamp.from(at), actor, action.name(),
                from.status().name(), to.status().name(), comment);
        return true;
    }

    /** Issues the notice of a confirmed case (once); returns it. */
    public Notice issueNotice(String caseId, String actor, int amountPln, Instant at) {
        Optional<Notice> existing = notice(caseId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Long seq = jdbc.queryForObject("SELECT nextval('ctz_notice_seq')", Long.class);
        String number = String.format("SCT/%d/%06d", at.atZone(CITY_ZONE).getYear(), seq);
        jdbc.update("INSERT INTO ctz_notices (number, case_id, issued_at, issued_by, amount_pln) VALUES (?, ?, ?, ?, ?)",
                number, caseId, Timestamp.from(at), actor, amountPln);
        return new Notice(number, at, actor, amountPln);
    }

    /** Closed cases whose evidence is past retention and not deleted yet. */
    public List<String> dueForEvidenceDeletion(Instant rejectedBefore, Instant closedBefore) {
        return jdbc.queryForList("""
                SELECT r.case_id FROM ctz_case_reviews r WHERE r.evidence_deleted_at IS NULL AND (
                    (r.status = 'REJECTED' AND r.decided_at < ?) OR
                    (r.status IN ('CONFIRMED', 'APPEAL_UPHELD', 'APPEAL_DISMISSED') AND r.decided_at < ?))
                ORDER BY r.case_id""", String.class, Timestamp.from(rejectedBefore), Timestamp.from(closedBefore));
    }

    /**
     * Marks evidence deleted: drops the references, the plate box and the candidates; a rejected case also
     * loses its plate (nothing was proven against that vehicle).
     */
    @Transactional
    public void markEvidenceDeleted(String caseId, Instant at) {
        jdbc.update("UPDATE ctz_case_reviews SET evidence_deleted_at = ? WHERE case_id = ?", Timestamp.from(at), caseId);
        jdbc.update("""
                UPDATE ctz_cases c SET evidence_refs = '{}', plate_box = NULL, candidates = NULL, updated_at = ?,
                    plate = CASE WHEN r.status = 'REJECTED' THEN 'REDACTED' ELSE c.plate END
                FROM ctz_case_reviews r WHERE r.case_id = c.id AND c.id = ?""", Timestamp.from(at), caseId);
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private List<Candidate> candidates(String text) {
        if (text == null) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        for (JsonNode n : json.readTree(text)) {
            String plate = n.has("plate") ? n.get("plate").asString() : n.path("text").asString();
            out.add(new Candidate(plate, n.path("confidence").asDouble()));
        }
        return out;
    }

    private Box box(String text) {
        if (text == null) {
            return null;
        }
        JsonNode n = json.readTree(text);
        return new Box(n.path("x").asInt(), n.path("y").asInt(), n.path("width").asInt(), n.path("height").asInt());
    }
}
