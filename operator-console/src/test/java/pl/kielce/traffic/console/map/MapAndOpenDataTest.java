package pl.kielce.traffic.console.map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import pl.kielce.traffic.console.ConsoleTest;
import pl.kielce.traffic.console.TestCases;
import pl.kielce.traffic.console.TestUsers;
import pl.kielce.traffic.console.review.CaseIngest;
import pl.kielce.traffic.console.security.Role;
import pl.kielce.traffic.console.security.UserAccounts;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Map layers from the real city pack, alerts, silent cameras, what-if on aggregates, open data without plates. */
class MapAndOpenDataTest extends ConsoleTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    UserDetailsService users;
    @Autowired
    Alerts alerts;
    @Autowired
    SilentCameras silentCameras;
    @Autowired
    CaseIngest ingest;

    @BeforeEach
    void setUp() {
        TestUsers.ensureAll(accounts);
    }

    @Test
    void layersComeFromTheCityPackWithLiveCounts() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        jdbc.update("INSERT INTO passage_counts VALUES ('KCE-CAM-01', ?, ?, 42) ON CONFLICT DO NOTHING",
                Timestamp.from(now.minus(Duration.ofMinutes(20))), Timestamp.from(now.minus(Duration.ofMinutes(15))));
        var op = user(TestUsers.details(users, Role.OPERATOR));
        mvc.perform(get("/api/map/layers/cameras").with(op)).andExpect(status().isOk())
                .andExpect(jsonPath("$.features.length()").value(greaterThan(10)))
                .andExpect(jsonPath("$.features[?(@.properties.id == 'KCE-CAM-01')].properties.passagesLastHour").value(hasItem(42)));
        mvc.perform(get("/api/map/layers/zones").with(op)).andExpect(status().isOk())
                .andExpect(jsonPath("$.features[?(@.properties.id == 'kielce-centre')].properties.stages[0]").value(hasItem("stage-1")));
        mvc.perform(get("/api/map/layers/nothing").with(op)).andExpect(status().isNotFound());
    }

    @Test
    void alertsFromTheTopicAreShownAndAcknowledgedWithAnAuditEntry() throws Exception {
        String json = "{\"schemaVersion\":\"1.0\",\"source\":\"transit\",\"kind\":\"TRANSIT_BUNCHING\",\"severity\":\"INFO\","
                + "\"routeId\":\"T-ALERT-R7\",\"tripId\":\"t1\",\"vehicleId\":\"v1\",\"observedAt\":\"2026-11-28T10:00:00Z\","
                + "\"message\":\"Two buses of line 7 within 60 s\"}";
        assertThat(alerts.ingest(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(alerts.ingest("{\"message\":\"no kind\"}".getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(r -> assertThat(r).contains("kind"));
        String id = alerts.open(500).stream().filter(a -> "T-ALERT-R7".equals(a.subjectId())).findFirst().orElseThrow().id();
        var op = user(TestUsers.details(users, Role.OPERATOR));
        mvc.perform(post("/api/alerts/" + id + "/ack").with(op).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"comment\":\"dispatcher informed\"}")).andExpect(status().isOk());
        assertThat(alerts.open(500)).noneMatch(a -> a.id().equals(id));
        assertThat(jdbc.queryForObject("SELECT reason FROM console_audit_log WHERE action = 'ALERT_ACKNOWLEDGED' AND subject_id = ?",
                String.class, id)).isEqualTo("dispatcher informed");
    }

    @Test
    void aCameraWithoutRecentWindowsIsSilent() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        assertThat(SilentCameras.silent(Map.of("A", now.minusSeconds(60), "B", now.minus(Duration.ofMinutes(30))), now,
                Duration.ofMinutes(15))).containsExactly("B");
    }

    @Test
    void whatIfCountsVehiclesTheStageWouldRefuse() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        String sql = "INSERT INTO ctz_decision_counts (camera_id, hour_start, policy_version, stage_id, outcome, category, fuel,"
                + " euro_norm, passages) VALUES (?, ?, 'v', 'stage-1', 'ALLOWED', ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        jdbc.update(sql, "T-WI-CAM", Timestamp.from(hour), "M1", "diesel", "Euro 4", 30);   // stage-2 needs diesel Euro 5 → refused
        jdbc.update(sql, "T-WI-CAM", Timestamp.from(hour), "M1", "diesel", "Euro 6", 50);   // fine
        jdbc.update(sql, "T-WI-CAM", Timestamp.from(hour), "M1", "petrol", "Euro 4", 20);   // petrol needs Euro 3 → fine
        mvc.perform(get("/api/policy/what-if").param("stage", "stage-2")
                        .param("from", hour.minusSeconds(1).toString()).param("to", hour.plusSeconds(3600).toString())
                        .with(user(TestUsers.details(users, Role.SUPERVISOR))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.affectedByCamera['T-WI-CAM']").value(30))
                .andExpect(jsonPath("$.passagesConsidered").value(greaterThan(99)));
        mvc.perform(get("/api/policy/what-if").param("stage", "stage-9").with(user(TestUsers.details(users, Role.SUPERVISOR))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("stage"));
        mvc.perform(get("/policy").with(user(TestUsers.details(users, Role.ENFORCEMENT_OFFICER)))).andExpect(status().isOk());
    }

    @Test
    void openDataNeverCarriesAPlateAndSuppressesSmallCells() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        ingest.accept(TestCases.json(TestCases.violation("T-OD-PLATE", "TK9Z999", "stage-1", t, List.of()), "KCE-CAM-05", null));
        jdbc.update("INSERT INTO passage_counts VALUES ('T-OD-CAM', ?, ?, 3) ON CONFLICT DO NOTHING",
                Timestamp.from(t), Timestamp.from(t.plusSeconds(300)));
        StringBuilder all = new StringBuilder();
        for (String url : List.of("/api/open/passages", "/api/open/passages.csv", "/api/open/compliance",
                "/api/open/compliance.csv", "/api/open/cameras.geojson", "/api/passage-counts")) {
            all.append(mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        }
        assertThat(all).doesNotContain("TK9Z999");
        String csv = mvc.perform(get("/api/open/passages.csv")).andReturn().getResponse().getContentAsString();
        assertThat(csv).startsWith("camera_id,hour_start_utc,passages\n").contains("T-OD-CAM," + t + ",<5");
    }
}
