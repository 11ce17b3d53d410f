package pl.kielce.traffic.ctz.enforcement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pl.kielce.traffic.events.Violation;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case table when the job decides a vehicle again under the same case id (same policy, plate, zone, day):
 * seen in the demo, which restarts the job without state but keeps PostGIS — the earlier run's REVIEW
 * (LOW_CONFIDENCE under a stricter threshold) stayed and the new run's VIOLATION was dropped.
 */
@ExtendWith(PostgisExtension.class)
class CaseWriterTest {
    static final Instant EARLIER = Instant.parse("2026-11-28T18:34:22Z");
    static final Instant LATER = Instant.parse("2026-11-28T20:08:42Z");

    @Test
    void aLaterDecisionReplacesAnUntouchedCaseAndKeepsEveryPassageAndImage() throws Exception {
        String id = "ctz-cw-redecided";
        write(CaseRow.open(id, violation(id, Violation.Kind.REVIEW, "LOW_CONFIDENCE", "v1", "read-1", "sha256:aa", EARLIER),
                "KCE-CAM-01", 0.84, null));
        write(CaseRow.open(id, violation(id, Violation.Kind.VIOLATION, "NON_COMPLIANT", "v2", "read-2", "sha256:bb", LATER),
                "KCE-CAM-01", 0.84, "{\"fuel\":\"diesel\"}"));
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT kind, reason, policy_version, decided_at, passage_refs::text, "
                     + "evidence_refs::text, vehicle->>'fuel', first_seen FROM ctz_cases WHERE id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("VIOLATION");
            assertThat(rs.getString(2)).isEqualTo("NON_COMPLIANT");
            assertThat(rs.getString(3)).isEqualTo("v2");
            assertThat(rs.getTimestamp(4).toInstant()).isEqualTo(LATER);
            assertThat(rs.getString(5)).isEqualTo("{read-1,read-2}");
            assertThat(rs.getString(6)).isEqualTo("{sha256:aa,sha256:bb}");
            assertThat(rs.getString(7)).isEqualTo("diesel");
            assertThat(rs.getTimestamp(8).toInstant()).isEqualTo(EARLIER.minusMillis(300));
        }
    }

    @Test
    void aCaseAPersonHasTouchedKeepsItsDecisionButGetsThePassage() throws Exception {
        String id = "ctz-cw-reviewed";
        write(CaseRow.open(id, violation(id, Violation.Kind.REVIEW, "LOW_CONFIDENCE", "v1", "read-1", "sha256:aa", EARLIER),
                "KCE-CAM-01", 0.84, null));
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO ctz_case_reviews (case_id, status, decided_by, version) VALUES ('" + id + "', 'REJECTED', 'officer', 1)");
        }
        write(CaseRow.open(id, violation(id, Violation.Kind.VIOLATION, "NON_COMPLIANT", "v2", "read-2", "sha256:bb", LATER),
                "KCE-CAM-01", 0.84, null));
        // a replay of the first write changes nothing
        write(CaseRow.open(id, violation(id, Violation.Kind.REVIEW, "LOW_CONFIDENCE", "v1", "read-1", "sha256:aa", EARLIER),
                "KCE-CAM-01", 0.84, null));
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT kind, reason, policy_version, passage_refs::text, evidence_refs::text "
                     + "FROM ctz_cases WHERE id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("REVIEW");
            assertThat(rs.getString(2)).isEqualTo("LOW_CONFIDENCE");
            assertThat(rs.getString(3)).isEqualTo("v1");
            assertThat(rs.getString(4)).isEqualTo("{read-1,read-2}");
            assertThat(rs.getString(5)).isEqualTo("{sha256:aa,sha256:bb}");
        }
    }

    @Test
    void theJobFillsInWhatTheConsolesConsumerCouldNotKnow() throws Exception {
        String id = "ctz-cw-console-first";
        Violation violation = violation(id, Violation.Kind.VIOLATION, "NON_COMPLIANT", "v1", "read-1", "sha256:aa", EARLIER);
        // the console's consumer stores the same decision first, from the Violation alone (no camera, no confidence)
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO ctz_cases (id, kind, plate, country, zone_id, stage_id, policy_id, policy_version, "
                    + "reason, explanation, first_seen, decided_at, passage_refs, evidence_refs) VALUES ('" + id + "', 'VIOLATION', "
                    + "'TK12345', 'PL', 'kielce-centre', 'stage-1', 'kielce-sct', 'v1', 'NON_COMPLIANT', 'x', '"
                    + EARLIER.minusMillis(300) + "', '" + EARLIER + "', '{read-1}', '{sha256:aa}')");
        }
        write(CaseRow.open(id, violation, "KCE-CAM-01", 0.87, "{\"fuel\":\"diesel\"}"));
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT kind, camera_id, confidence, vehicle->>'fuel', passage_refs::text "
                     + "FROM ctz_cases WHERE id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("VIOLATION");
            assertThat(rs.getString(2)).isEqualTo("KCE-CAM-01");
            assertThat(rs.getDouble(3)).isEqualTo(0.87);
            assertThat(rs.getString(4)).isEqualTo("diesel");
            assertThat(rs.getString(5)).isEqualTo("{read-1}");
        }
    }

    @Test
    void attachmentsOfOneFlushAreAppendedInOrderOnceEach() throws Exception {
        String id = "ctz-cw-attached";
        String other = "ctz-cw-attached-other";
        write(CaseRow.open(id, violation(id, Violation.Kind.VIOLATION, "NON_COMPLIANT", "v1", "read-1", "sha256:aa", EARLIER),
                        "KCE-CAM-01", 0.9, null),
                CaseRow.attach(id, "read-2", "sha256:bb"),
                CaseRow.open(other, violation(other, Violation.Kind.REVIEW, "UNKNOWN_VEHICLE", "v1", "read-9", "sha256:99", EARLIER),
                        "KCE-CAM-02", 0.9, null),
                CaseRow.attach(id, "read-3", null), // a read without an image
                CaseRow.attach(other, "read-10", "sha256:10"),
                CaseRow.attach(id, "read-4", "sha256:dd"));
        // a replay of the same attachments (after a restart) and one new one, in the next flush
        write(CaseRow.attach(id, "read-2", "sha256:bb"), CaseRow.attach(id, "read-4", "sha256:dd"), CaseRow.attach(id, "read-5", "sha256:ee"));
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, passage_refs::text, evidence_refs::text FROM ctz_cases "
                     + "WHERE id IN ('" + id + "', '" + other + "') ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("{read-1,read-2,read-3,read-4,read-5}");
            assertThat(rs.getString(3)).isEqualTo("{sha256:aa,sha256:bb,sha256:dd,sha256:ee}");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(other);
            assertThat(rs.getString(2)).isEqualTo("{read-9,read-10}");
            assertThat(rs.getString(3)).isEqualTo("{sha256:99,sha256:10}");
        }
    }

    @Test
    void oneFlushHoldsTheSameCaseTwiceAndTextThatNeedsEscaping() throws Exception {
        String id = "ctz-cw-twice";
        String explanation = "Pojazd \"diesel\" – Euro 4 \\ strefa: brak\nwjazdu ż";
        Violation first = new Violation(id, Violation.Kind.VIOLATION, "TK12345", "PL", "kielce-centre", "stage-1", "kielce-sct",
                "v1", "NON_COMPLIANT", explanation, EARLIER.minusMillis(300), List.of("read-1"), List.of(), EARLIER);
        // the whole flush is one statement per kind of write: a case twice in it (a replay inside one buffer) must not
        // make PostgreSQL refuse the statement ("cannot affect row a second time")
        write(CaseRow.open(id, first, "KCE-CAM-01", Double.NaN, null),
                CaseRow.open(id, violation(id, Violation.Kind.VIOLATION, "NON_COMPLIANT", "v1", "read-2", "sha256:bb", EARLIER),
                        "KCE-CAM-01", 0.9, null));
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT explanation, confidence, vehicle, passage_refs::text, evidence_refs::text "
                     + "FROM ctz_cases WHERE id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(explanation);
            assertThat(rs.getObject(2)).isNull();
            assertThat(rs.getObject(3)).isNull();
            assertThat(rs.getString(4)).isEqualTo("{read-1,read-2}");
            assertThat(rs.getString(5)).isEqualTo("{sha256:bb}");
        }
    }

    /** The rows in one flush (one transaction), as the sink writes what it buffered between checkpoints. */
    private static void write(CaseRow... rows) throws Exception {
        try (JdbcSinks.CaseWriter w = new JdbcSinks.CaseWriter(PostgisExtension.jdbcUrl())) {
            for (CaseRow row : rows) w.write(row, null);
            w.flush(false);
        }
    }

    private static Violation violation(String id, Violation.Kind kind, String reason, String policyVersion, String readId,
                                       String evidenceRef, Instant decidedAt) {
        return new Violation(id, kind, "TK12345", "PL", "kielce-centre", "stage-1", "kielce-sct",
                policyVersion, reason, kind + " (" + reason + ")", decidedAt.minusMillis(300), List.of(readId),
                List.of(evidenceRef), decidedAt);
    }
}
