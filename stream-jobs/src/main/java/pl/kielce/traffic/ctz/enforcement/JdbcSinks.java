package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import pl.kielce.traffic.events.Violation;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostGIS sinks of the enforcement job. Rows are written in batches, at the latest when Flink flushes the
 * writer before a checkpoint, in one transaction per batch. Every write is idempotent (insert or merge by
 * case id, append-if-absent for attachments, upsert of absolute totals for counters), so a replay after a
 * failure leaves the tables as if each record had been written once.
 */
public final class JdbcSinks {
    private JdbcSinks() {
    }

    /** Cases for the console's review queue: table {@code ctz_cases} (migration V402 of the console). */
    public static Sink<CaseRow> cases(String jdbcUrl) {
        return (Sink<CaseRow>) ctx -> new CaseWriter(jdbcUrl);
    }

    /** Plate-free aggregate counters: table {@code ctz_decision_counts} (migration V200). */
    public static Sink<DecisionCount> counts(String jdbcUrl) {
        return (Sink<DecisionCount>) ctx -> new CountWriter(jdbcUrl);
    }

    /** Occasional entries used: table {@code occasional_entries} of the register (migration V100), insert-if-absent. */
    public static Sink<OccasionalEntry> occasionalEntries(String jdbcUrl) {
        return (Sink<OccasionalEntry>) ctx -> new OccasionalWriter(jdbcUrl);
    }

    static final String INSERT_OCCASIONAL = "INSERT INTO occasional_entries (plate, day) VALUES (?, ?::date) ON CONFLICT DO NOTHING";

    /** The later decision of a case still untouched by a person (the SET expressions all see the row as it was). */
    private static final String REDECIDED = "(EXCLUDED.decided_at > ctz_cases.decided_at AND NOT EXISTS "
            + "(SELECT 1 FROM ctz_case_reviews cr WHERE cr.case_id = ctz_cases.id))";
    private static String newer(String column) {
        return column + " = CASE WHEN " + REDECIDED + " THEN EXCLUDED." + column + " ELSE ctz_cases." + column + " END, ";
    }
    /** An optional fact (camera, confidence, register facts): the newer decision's, else filled in when still missing. */
    private static String newerOrFilled(String column) {
        return column + " = CASE WHEN " + REDECIDED + " THEN coalesce(EXCLUDED." + column + ", ctz_cases." + column
                + ") ELSE coalesce(ctz_cases." + column + ", EXCLUDED." + column + ") END, ";
    }

    static final String INSERT_CASE = "INSERT INTO ctz_cases (id, kind, plate, country, zone_id, stage_id, policy_id, "
            + "policy_version, reason, explanation, first_seen, decided_at, passage_refs, evidence_refs, camera_id, confidence, "
            + "vehicle) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (id) DO UPDATE SET "
            // The id (policy, plate, country, zone, local day) exists: a replay, the console's consumer wrote the same
            // decision first, or a run of the job without the state of the run that wrote it decided the vehicle again
            // (perhaps under another policy version or register). The passages and images are always merged; the newer
            // decision replaces the older one as long as no person has touched the case (no ctz_case_reviews row);
            // camera, confidence and register facts the console's consumer could not know are filled in.
            + "passage_refs = ctz_cases.passage_refs || ARRAY(SELECT r FROM unnest(EXCLUDED.passage_refs) r "
            + "WHERE r <> ALL(ctz_cases.passage_refs)), "
            + "evidence_refs = ctz_cases.evidence_refs || ARRAY(SELECT r FROM unnest(EXCLUDED.evidence_refs) r "
            + "WHERE r <> ALL(ctz_cases.evidence_refs)), "
            + "first_seen = LEAST(ctz_cases.first_seen, EXCLUDED.first_seen), "
            + newer("kind") + newer("stage_id") + newer("policy_version") + newer("reason") + newer("explanation")
            + newer("decided_at") + newerOrFilled("camera_id") + newerOrFilled("confidence") + newerOrFilled("vehicle")
            + "updated_at = now()";

    /** A case's further passages and images of one flush, appended in order where not there yet (idempotent). */
    static final String ATTACH = "UPDATE ctz_cases SET "
            + "passage_refs = passage_refs || ARRAY(SELECT r FROM unnest(?::text[]) r WHERE r <> ALL(passage_refs)), "
            + "evidence_refs = evidence_refs || ARRAY(SELECT r FROM unnest(?::text[]) r WHERE r <> ALL(evidence_refs)), "
            + "updated_at = now() WHERE id = ?";
    static final String UPSERT_COUNT = "INSERT INTO ctz_decision_counts (camera_id, hour_start, policy_version, stage_id, "
            + "outcome, category, fuel, euro_norm, passages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (camera_id, hour_start, policy_version, stage_id, outcome, category, fuel, euro_norm) "
            + "DO UPDATE SET passages = EXCLUDED.passages, updated_at = now()";

    /** Buffers rows and writes them in one transaction on flush. */
    abstract static class BatchWriter<T> implements SinkWriter<T> {
        private static final int MAX_BUFFERED = 500;
        private final String jdbcUrl;
        private final List<T> buffer = new ArrayList<>();
        private Connection connection;

        BatchWriter(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            buffer.add(element);
            if (buffer.size() >= MAX_BUFFERED) flush(false);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (buffer.isEmpty()) return;
            SQLException last = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                try {
                    Connection c = connection();
                    writeAll(c, buffer);
                    c.commit();
                    buffer.clear();
                    return;
                } catch (SQLException e) {
                    last = e;
                    closeQuietly();
                    try {
                        Thread.sleep(100L * attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            // fail the task: Flink restarts from the last checkpoint and the idempotent writes are replayed
            throw new IOException("cannot write " + buffer.size() + " row(s) to PostGIS: " + (last == null ? "interrupted" : last.getMessage()), last);
        }

        abstract void writeAll(Connection c, List<T> rows) throws SQLException;

        private Connection connection() throws SQLException {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(jdbcUrl);
                connection.setAutoCommit(false);
            }
            return connection;
        }

        private void closeQuietly() {
            try {
                if (connection != null) connection.close();
            } catch (SQLException ignored) {
                // reconnect on the next attempt
            }
            connection = null;
        }

        @Override
        public void close() {
            closeQuietly();
        }
    }

    static final class CaseWriter extends BatchWriter<CaseRow> {
        /** A case's passages and images attached in one flush, in order. */
        private record Attached(Set<String> readIds, Set<String> evidenceRefs) { }

        CaseWriter(String jdbcUrl) {
            super(jdbcUrl);
        }

        @Override
        void writeAll(Connection c, List<CaseRow> rows) throws SQLException {
            // inserts first: an attachment is always written after (or with) the case it belongs to. Attachments are
            // gathered per case: one update per case and flush (a passage's further reads come in quick succession),
            // not one per read — each rewrote the case's whole row
            Map<String, Attached> attachments = new LinkedHashMap<>();
            try (PreparedStatement ins = c.prepareStatement(INSERT_CASE); PreparedStatement upd = c.prepareStatement(ATTACH)) {
                int inserts = 0;
                for (CaseRow r : rows) {
                    if (r.isNewCase()) {
                        Violation v = r.violation();
                        ins.setString(1, v.id());
                        ins.setString(2, v.kind().name());
                        ins.setString(3, v.plate());
                        ins.setString(4, v.country());
                        ins.setString(5, v.zoneId());
                        ins.setString(6, v.stageId());
                        ins.setString(7, v.policyId());
                        ins.setString(8, v.policyVersion());
                        ins.setString(9, v.reason());
                        ins.setString(10, v.explanation());
                        ins.setTimestamp(11, Timestamp.from(v.firstSeen()));
                        ins.setTimestamp(12, Timestamp.from(v.decidedAt()));
                        ins.setArray(13, c.createArrayOf("text", v.passageRefs().toArray()));
                        ins.setArray(14, c.createArrayOf("text", v.evidenceRefs().toArray()));
                        ins.setString(15, r.cameraId());
                        if (Double.isNaN(r.confidence())) ins.setNull(16, Types.DOUBLE);
                        else ins.setDouble(16, r.confidence());
                        ins.setString(17, r.vehicleJson());
                        ins.addBatch();
                        inserts++;
                    } else {
                        Attached a = attachments.computeIfAbsent(r.caseId(), k -> new Attached(new LinkedHashSet<>(), new LinkedHashSet<>()));
                        a.readIds().add(r.readId());
                        if (r.evidenceRef() != null) a.evidenceRefs().add(r.evidenceRef());
                    }
                }
                if (inserts > 0) ins.executeBatch();
                for (Map.Entry<String, Attached> a : attachments.entrySet()) {
                    upd.setArray(1, c.createArrayOf("text", a.getValue().readIds().toArray()));
                    upd.setArray(2, c.createArrayOf("text", a.getValue().evidenceRefs().toArray()));
                    upd.setString(3, a.getKey());
                    upd.addBatch();
                }
                if (!attachments.isEmpty()) upd.executeBatch();
            }
        }
    }

    static final class CountWriter extends BatchWriter<DecisionCount> {
        CountWriter(String jdbcUrl) {
            super(jdbcUrl);
        }

        @Override
        void writeAll(Connection c, List<DecisionCount> rows) throws SQLException {
            // the latest total per cell wins; several totals of one cell may be buffered
            LinkedHashMap<String, DecisionCount> latest = new LinkedHashMap<>();
            for (DecisionCount r : rows) latest.put(r.cell(), r);
            try (PreparedStatement ps = c.prepareStatement(UPSERT_COUNT)) {
                for (DecisionCount r : latest.values()) {
                    ps.setString(1, r.cameraId());
                    ps.setTimestamp(2, new Timestamp(r.hourStartMillis()));
                    ps.setString(3, r.policyVersion());
                    ps.setString(4, r.stageId());
                    ps.setString(5, r.outcome());
                    ps.setString(6, r.category());
                    ps.setString(7, r.fuel());
                    ps.setString(8, r.euroNorm());
                    ps.setLong(9, r.passages());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    static final class OccasionalWriter extends BatchWriter<OccasionalEntry> {
        OccasionalWriter(String jdbcUrl) {
            super(jdbcUrl);
        }

        @Override
        void writeAll(Connection c, List<OccasionalEntry> rows) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(INSERT_OCCASIONAL)) {
                for (OccasionalEntry r : rows) {
                    ps.setString(1, r.plate());
                    ps.setString(2, r.localDay());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
