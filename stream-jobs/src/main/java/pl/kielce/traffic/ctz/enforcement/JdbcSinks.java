package pl.kielce.traffic.ctz.enforcement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import pl.kielce.traffic.events.Violation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
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

    private static final JsonFactory JSON = new JsonFactory();

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

    /** Columns of a new case, as the rows of {@link #INSERT_CASES}' JSON document name and type them. */
    private static final String CASE_COLUMNS = "id, kind, plate, country, zone_id, stage_id, policy_id, policy_version, reason, "
            + "explanation, first_seen, decided_at, passage_refs, evidence_refs, camera_id, confidence, vehicle";

    /**
     * New cases of one flush in one statement: the parameter is a JSON array of rows named like the columns (ids
     * distinct). One statement per flush instead of one per case: PostgreSQL's cost per statement (bind, executor start
     * and end, statistics) was as large as the row's own.
     */
    static final String INSERT_CASES = "INSERT INTO ctz_cases (" + CASE_COLUMNS + ") SELECT " + CASE_COLUMNS
            + " FROM jsonb_to_recordset(?::jsonb) AS x(id text, kind text, plate text, country text, zone_id text, stage_id text, "
            + "policy_id text, policy_version text, reason text, explanation text, first_seen timestamptz, decided_at timestamptz, "
            + "passage_refs text[], evidence_refs text[], camera_id text, confidence double precision, vehicle jsonb) "
            + "ON CONFLICT (id) DO UPDATE SET "
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

    /**
     * Further passages and images of one flush, appended in order where not there yet (idempotent), for all cases in
     * one statement: the parameter is a JSON array of {@code {id, passage_refs, evidence_refs}}, one per case.
     */
    static final String ATTACH = "UPDATE ctz_cases c SET "
            + "passage_refs = c.passage_refs || ARRAY(SELECT r FROM unnest(x.passage_refs) r WHERE r <> ALL(c.passage_refs)), "
            + "evidence_refs = c.evidence_refs || ARRAY(SELECT r FROM unnest(x.evidence_refs) r WHERE r <> ALL(c.evidence_refs)), "
            + "updated_at = now() FROM jsonb_to_recordset(?::jsonb) AS x(id text, passage_refs text[], evidence_refs text[]) "
            + "WHERE c.id = x.id";
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
            // gathered per case: one row per case and flush (a passage's further reads come in quick succession),
            // not one per read — each rewrote the case's whole row
            Map<String, CaseRow> openedRows = new LinkedHashMap<>();
            Map<String, Attached> attachments = new LinkedHashMap<>();
            for (CaseRow r : rows) {
                if (r.isNewCase() && openedRows.putIfAbsent(r.caseId(), r) == null) continue;
                Attached a = attachments.computeIfAbsent(r.caseId(), k -> new Attached(new LinkedHashSet<>(), new LinkedHashSet<>()));
                if (r.isNewCase()) { // the same case opened twice in one flush: its refs are merged as an attachment
                    a.readIds().addAll(r.violation().passageRefs());
                    a.evidenceRefs().addAll(r.violation().evidenceRefs());
                } else {
                    a.readIds().add(r.readId());
                    if (r.evidenceRef() != null) a.evidenceRefs().add(r.evidenceRef());
                }
            }
            if (!openedRows.isEmpty()) execute(c, INSERT_CASES, json(g -> {
                for (CaseRow r : openedRows.values()) newCase(g, r);
            }));
            if (!attachments.isEmpty()) execute(c, ATTACH, json(g -> {
                for (Map.Entry<String, Attached> a : attachments.entrySet()) {
                    g.writeStartObject();
                    g.writeStringField("id", a.getKey());
                    strings(g, "passage_refs", a.getValue().readIds());
                    strings(g, "evidence_refs", a.getValue().evidenceRefs());
                    g.writeEndObject();
                }
            }));
        }

        private static void newCase(JsonGenerator g, CaseRow r) throws IOException {
            Violation v = r.violation();
            g.writeStartObject();
            g.writeStringField("id", v.id());
            g.writeStringField("kind", v.kind().name());
            g.writeStringField("plate", v.plate());
            g.writeStringField("country", v.country());
            g.writeStringField("zone_id", v.zoneId());
            g.writeStringField("stage_id", v.stageId());
            g.writeStringField("policy_id", v.policyId());
            g.writeStringField("policy_version", v.policyVersion());
            g.writeStringField("reason", v.reason());
            g.writeStringField("explanation", v.explanation());
            g.writeStringField("first_seen", v.firstSeen().toString());
            g.writeStringField("decided_at", v.decidedAt().toString());
            strings(g, "passage_refs", v.passageRefs());
            strings(g, "evidence_refs", v.evidenceRefs());
            g.writeStringField("camera_id", r.cameraId());
            if (!Double.isNaN(r.confidence())) g.writeNumberField("confidence", r.confidence());
            if (r.vehicleJson() != null) {
                g.writeFieldName("vehicle");
                g.writeRawValue(r.vehicleJson());
            }
            g.writeEndObject();
        }

        private static void strings(JsonGenerator g, String field, Iterable<String> values) throws IOException {
            g.writeArrayFieldStart(field);
            for (String s : values) g.writeString(s);
            g.writeEndArray();
        }

        private interface Rows {
            void write(JsonGenerator g) throws IOException;
        }

        /** A JSON array of the rows {@code rows} writes. */
        private static String json(Rows rows) {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartArray();
                rows.write(g);
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter does not fail
            }
            return out.toString();
        }

        private static void execute(Connection c, String sql, String json) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, json);
                ps.executeUpdate();
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
