package pl.kielce.traffic.console.review;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import pl.kielce.traffic.console.ConsoleTest;
import pl.kielce.traffic.console.TestCases;
import pl.kielce.traffic.console.TestEvidence;
import pl.kielce.traffic.console.TestUsers;
import pl.kielce.traffic.console.security.Role;
import pl.kielce.traffic.console.security.UserAccounts;
import pl.kielce.traffic.events.Violation;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The review desk on real PostGIS with real photos: ingest, filters, view (audited), actions, notice, retention. */
class ReviewDeskTest extends ConsoleTest {
    static final Instant SEEN = Instant.parse("2026-03-02T07:15:00Z");
    @Autowired
    MockMvc mvc;
    @Autowired
    CaseIngest ingest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    UserDetailsService users;
    @Autowired
    RetentionJob retention;

    @BeforeEach
    void setUp() {
        TestUsers.ensureAll(accounts);
        TestUsers.ensure(accounts, "t-officer-2", Role.ENFORCEMENT_OFFICER);
    }

    @Test
    void ingestIsIdempotentByIdAndKeepsTheReview() {
        Violation v = TestCases.violation("T-RD-IDEMP", "TK12345", "stage-1", SEEN, List.of());
        assertThat(ingest.accept(TestCases.json(v, "KCE-CAM-01", null))).isEmpty();
        jdbc.update("INSERT INTO ctz_case_reviews (case_id, status, decided_by, version) VALUES ('T-RD-IDEMP', 'REJECTED', 'x', 1)");
        Violation later = new Violation(v.id(), v.kind(), v.plate(), v.country(), v.zoneId(), v.stageId(), v.policyId(),
                v.policyVersion(), v.reason(), v.explanation(), v.firstSeen(), List.of("read-a", "read-b"), List.of(),
                v.decidedAt());
        assertThat(ingest.accept(TestCases.json(later, "KCE-CAM-01", null))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ctz_cases WHERE id = 'T-RD-IDEMP'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT unnest(passage_refs) FROM ctz_cases WHERE id = 'T-RD-IDEMP'", String.class))
                .containsExactly("read-T-RD-IDEMP", "read-a", "read-b");
        assertThat(ingest.accept(TestCases.json(later, "KCE-CAM-01", null))).isEmpty(); // re-delivery: no change
        assertThat(jdbc.queryForObject("SELECT array_length(passage_refs, 1) FROM ctz_cases WHERE id = 'T-RD-IDEMP'", Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT status FROM ctz_case_reviews WHERE case_id = 'T-RD-IDEMP'", String.class)).isEqualTo("REJECTED");
    }

    @Test
    void aNewerDecisionReplacesAnUnreviewedOneButNeverAReviewedOne() {
        Violation review = new Violation("T-RD-REDECIDE", Violation.Kind.REVIEW, "TK54321", "PL", "kielce-sct", "stage-1",
                "kielce-sct", "2026.1", "LOW_CONFIDENCE", "read with low confidence", SEEN, List.of("read-1"), List.of(),
                SEEN.plusSeconds(2));
        assertThat(ingest.accept(TestCases.json(review, "KCE-CAM-01", null))).isEmpty();
        Violation violation = new Violation(review.id(), Violation.Kind.VIOLATION, review.plate(), "PL", "kielce-sct", "stage-1",
                "kielce-sct", "2026.2", "DIESEL_BELOW_EURO_5", "Diesel M1 Euro 4", SEEN.plusSeconds(60), List.of("read-2"),
                List.of(), SEEN.plusSeconds(3600));
        assertThat(ingest.accept(TestCases.json(violation, "KCE-CAM-01", null))).isEmpty();
        var row = jdbc.queryForMap("SELECT kind, reason, policy_version, first_seen FROM ctz_cases WHERE id = 'T-RD-REDECIDE'");
        assertThat(row.get("kind")).isEqualTo("VIOLATION");
        assertThat(row.get("reason")).isEqualTo("DIESEL_BELOW_EURO_5");
        assertThat(row.get("policy_version")).isEqualTo("2026.2");
        assertThat(((java.sql.Timestamp) row.get("first_seen")).toInstant()).isEqualTo(SEEN);
        // an older decision arriving late changes nothing but the passages
        assertThat(ingest.accept(TestCases.json(review, "KCE-CAM-01", null))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT kind FROM ctz_cases WHERE id = 'T-RD-REDECIDE'", String.class)).isEqualTo("VIOLATION");
        // once a person has looked at it, the decision stays as reviewed
        jdbc.update("INSERT INTO ctz_case_reviews (case_id, status, decided_by, version) VALUES ('T-RD-REDECIDE', 'CONFIRMED', 'x', 1)");
        Violation newest = new Violation(review.id(), Violation.Kind.REVIEW, review.plate(), "PL", "kielce-sct", "stage-1",
                "kielce-sct", "2026.3", "REGISTER_UNAVAILABLE", "register down", SEEN, List.of("read-3"), List.of(),
                SEEN.plusSeconds(7200));
        assertThat(ingest.accept(TestCases.json(newest, "KCE-CAM-01", null))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT kind FROM ctz_cases WHERE id = 'T-RD-REDECIDE'", String.class)).isEqualTo("VIOLATION");
        assertThat(jdbc.queryForList("SELECT unnest(passage_refs) FROM ctz_cases WHERE id = 'T-RD-REDECIDE'", String.class))
                .containsExactly("read-1", "read-2", "read-3");
    }

    @Test
    void aBadRecordIsRefusedWithAReasonNotStored() {
        assertThat(ingest.accept("{\"schemaVersion\":\"1.0\",\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(r -> assertThat(r).contains("Violation"));
        assertThat(ingest.accept("not json".getBytes(StandardCharsets.UTF_8))).isPresent();
    }

    @Test
    void filtersByStageCameraDayAndStatus() throws Exception {
        ingest.accept(TestCases.json(TestCases.violation("T-RD-F1", "TK11111", "stage-f1", SEEN, List.of()), "KCE-CAM-02", null));
        ingest.accept(TestCases.json(TestCases.violation("T-RD-F2", "TK22222", "stage-f1", SEEN.plusSeconds(86400), List.of()), "KCE-CAM-03", null));
        ingest.accept(TestCases.json(TestCases.violation("T-RD-F3", "TK33333", "stage-f2", SEEN, List.of()), "KCE-CAM-02", null));
        var officer = user(TestUsers.details(users, Role.ENFORCEMENT_OFFICER));
        mvc.perform(get("/api/cases").param("stage", "stage-f1").with(officer)).andExpect(jsonPath("$", hasSize(2)));
        mvc.perform(get("/api/cases").param("stage", "stage-f1").param("camera", "KCE-CAM-02").with(officer))
                .andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].id").value("T-RD-F1"));
        // 2026-03-03 local day in Kielce
        mvc.perform(get("/api/cases").param("stage", "stage-f1").param("day", "2026-03-03").with(officer))
                .andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].id").value("T-RD-F2"));
        mvc.perform(get("/api/cases").param("stage", "stage-f2").param("status", "NEW").with(officer))
                .andExpect(jsonPath("$", hasSize(1)));
        mvc.perform(get("/api/cases").param("stage", "stage-f2").param("status", "CONFIRMED").with(officer))
                .andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(get("/api/cases").param("status", "MAYBE").with(officer))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("status"));
        mvc.perform(get("/review").param("stage", "stage-f1").with(officer)).andExpect(status().isOk());
    }

    @Test
    void confirmingIssuesANoticeAndEveryViewAndActionIsAudited() throws Exception {
        List<TestCases.Photo> photos = TestCases.photos(1);
        Assumptions.assumeFalse(photos.isEmpty(), "shared plate photos absent (../shared/data/plates/pl-dev): skipped");
        TestCases.Photo p = photos.get(0);
        String ref = TestCases.evidence(p, "t-rd-confirm");
        Violation v = TestCases.violation("T-RD-CONFIRM", p.plate(), "stage-1", SEEN, List.of(ref));
        ingest.accept(TestCases.json(v, "KCE-CAM-01", p));
        var officer = user(TestUsers.details(users, Role.ENFORCEMENT_OFFICER));

        String page = mvc.perform(get("/review/T-RD-CONFIRM").with(officer)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(p.plate()).contains("DIESEL_BELOW_EURO_5").contains("2026.1").contains("platebox");
        MvcResult img = mvc.perform(get("/review/T-RD-CONFIRM/evidence/0").with(officer)).andExpect(status().isOk()).andReturn();
        assertThat(img.getResponse().getContentType()).isEqualTo(MediaType.IMAGE_JPEG_VALUE);
        byte[] crop = mvc.perform(get("/review/T-RD-CONFIRM/evidence/0/crop").with(officer)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(crop)).getWidth()).isGreaterThanOrEqualTo(320);

        mvc.perform(post("/review/T-RD-CONFIRM/action").param("action", "CONFIRM").with(officer).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String notice = jdbc.queryForObject("SELECT number FROM ctz_notices WHERE case_id = 'T-RD-CONFIRM'", String.class);
        assertThat(notice).matches("SCT/\\d{4}/\\d{6}");
        byte[] pdf = mvc.perform(get("/review/T-RD-CONFIRM/notice.pdf").with(officer)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        List<String> audited = jdbc.queryForList("SELECT action FROM console_audit_log WHERE subject_id = 'T-RD-CONFIRM'"
                + " AND actor = ? ORDER BY id", String.class, TestUsers.name(Role.ENFORCEMENT_OFFICER));
        assertThat(audited).containsExactly("CASE_VIEWED", "EVIDENCE_VIEWED", "EVIDENCE_VIEWED", "CASE_CONFIRM", "NOTICE_DOWNLOADED");
        // the auditor reads it
        mvc.perform(get("/api/audit").param("subject", "T-RD-CONFIRM").with(user(TestUsers.details(users, Role.AUDITOR))))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(5)));
    }

    @Test
    void theSecondCheckMustBeDoneBySomeoneElse() throws Exception {
        ingest.accept(TestCases.json(TestCases.violation("T-RD-SECOND", "TK44444", "stage-1", SEEN, List.of()), "KCE-CAM-01", null));
        var first = user(TestUsers.details(users, Role.ENFORCEMENT_OFFICER));
        var second = user(users.loadUserByUsername("t-officer-2"));
        mvc.perform(post("/api/cases/T-RD-SECOND/actions").with(first).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"REQUEST_SECOND_CHECK\",\"reason\":\"plate dirty\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.review.status").value("SECOND_CHECK"));
        mvc.perform(post("/api/cases/T-RD-SECOND/actions").with(first).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"CONFIRM\"}")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("another person")));
        String page = mvc.perform(post("/review/T-RD-SECOND/action").param("action", "CONFIRM").with(first).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("musi ją rozstrzygnąć inna osoba");
        mvc.perform(post("/api/cases/T-RD-SECOND/actions").with(second).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"CONFIRM\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.review.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.notice.number").exists());
    }

    @Test
    void retentionDeletesTheEvidenceOfOldRejectedCases() throws Exception {
        List<TestCases.Photo> photos = TestCases.photos(2);
        Assumptions.assumeFalse(photos.size() < 2, "shared plate photos absent: skipped");
        String ref = TestCases.evidence(photos.get(1), "t-rd-retention");
        ingest.accept(TestCases.json(TestCases.violation("T-RD-RET", photos.get(1).plate(), "stage-1", SEEN, List.of(ref)),
                "KCE-CAM-01", photos.get(1)));
        mvc.perform(post("/review/T-RD-RET/action").param("action", "REJECT").param("reason", "PLATE_MISREAD").with(csrf())
                .with(user(TestUsers.details(users, Role.SUPERVISOR)))).andExpect(status().is3xxRedirection());
        retention.runOnce();
        assertThat(Files.exists(TestEvidence.dir().resolve(ref + ".jpg"))).as("inside the retention period").isTrue();
        jdbc.update("UPDATE ctz_case_reviews SET decided_at = now() - interval '31 days' WHERE case_id = 'T-RD-RET'");
        assertThat(retention.runOnce()).isGreaterThanOrEqualTo(1);
        assertThat(Files.exists(TestEvidence.dir().resolve(ref + ".jpg"))).isFalse();
        assertThat(jdbc.queryForObject("SELECT plate FROM ctz_cases WHERE id = 'T-RD-RET'", String.class)).isEqualTo("REDACTED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM console_audit_log WHERE subject_id = 'T-RD-RET'"
                + " AND action = 'EVIDENCE_DELETED'", Integer.class)).isEqualTo(1);
    }
}
