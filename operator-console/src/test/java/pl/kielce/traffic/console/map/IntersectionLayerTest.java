package pl.kielce.traffic.console.map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import pl.kielce.traffic.console.ConsoleTest;
import pl.kielce.traffic.console.TestUsers;
import pl.kielce.traffic.console.security.Role;
import pl.kielce.traffic.console.security.UserAccounts;
import pl.kielce.traffic.console.signals.SignalPlans;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The intersections layer: the city's exported {@code intersections.geojson}, the plan in force (approved → reported by
 * the signal-timing job → shipped), the pending proposal and the latest approach flows of {@code traffic_flows}.
 */
class IntersectionLayerTest extends ConsoleTest {
    static final String SOLID = "KI-IXW-SOLID";
    static final String SIENK = "KI-IXW-SIENK";
    static final String CZARN = "KI-WARSZ-CZARN";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    UserDetailsService users;
    @Autowired
    SignalPlans plans;
    @Autowired
    LiveFeed feed;
    @Autowired
    ObjectMapper json;

    @BeforeEach
    void setUp() {
        TestUsers.ensureAll(accounts);
    }

    void flow(String intersection, String approach, Instant start, double flow, double capacity) {
        jdbc.update("INSERT INTO traffic_flows (intersection_id, approach, source, interval_start, interval_end, vehicles,"
                        + " flow_veh_per_hour, occupancy, capacity_veh_per_hour, degree_of_saturation, reporting_sources)"
                        + " VALUES (?, ?, 'detectors', ?, ?, ?, ?, 0.3, ?, ?, 1) ON CONFLICT DO NOTHING",
                intersection, approach, Timestamp.from(start), Timestamp.from(start.plus(Duration.ofMinutes(5))),
                Math.round(flow / 12), flow, capacity, flow / capacity);
    }

    @Test
    void intersectionsCarryPlanInForceProposalAndLatestFlows() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        // SOLID: an older and a newer interval of one approach (the newer one counts), a second approach
        flow(SOLID, "al. IX Wieków Kielc from east", now.minus(Duration.ofMinutes(15)), 900, 1800);
        flow(SOLID, "al. IX Wieków Kielc from east", now.minus(Duration.ofMinutes(10)), 1656, 1800);
        flow(SOLID, "al. Solidarności from north", now.minus(Duration.ofMinutes(10)), 540, 1200);
        // SIENK: only a flow from two hours ago — not live, not drawn
        flow(SIENK, "al. IX Wieków Kielc from west", now.minus(Duration.ofHours(2)), 1000, 1000);
        // CZARN: a proposal from the signal-timing job with the plan in force it reports
        plans.receive(("{\"schemaVersion\":\"1.0\",\"planId\":\"T-IX-CZARN-1\",\"intersectionId\":\"" + CZARN + "\","
                + "\"cycleSeconds\":62.0,\"offsetSeconds\":0.0,\"phases\":[{\"id\":\"NS\",\"greenSeconds\":19.0},"
                + "{\"id\":\"S-lead\",\"greenSeconds\":5.0},{\"id\":\"W\",\"greenSeconds\":24.0}],"
                + "\"current\":{\"planId\":\"shipped:" + CZARN + "\",\"cycleSeconds\":76.0,\"offsetSeconds\":0.0,"
                + "\"phases\":[{\"id\":\"NS\",\"greenSeconds\":34.0},{\"id\":\"S-lead\",\"greenSeconds\":8.0},{\"id\":\"W\",\"greenSeconds\":20.0}]},"
                + "\"expectedDelayChangePercent\":-67.66,\"oversaturated\":false}").getBytes(StandardCharsets.UTF_8));
        // SIENK: a plan an operator approved
        plans.receive(("{\"planId\":\"T-IX-SIENK-1\",\"intersectionId\":\"" + SIENK + "\",\"cycleSeconds\":80,"
                + "\"phases\":[{\"id\":\"EW\",\"greenSeconds\":50},{\"id\":\"NS\",\"greenSeconds\":18}]}").getBytes(StandardCharsets.UTF_8));
        plans.approve("T-IX-SIENK-1", "test-operator", "test");

        var op = user(TestUsers.details(users, Role.OPERATOR));
        String body = mvc.perform(get("/api/map/layers/intersections").with(op)).andExpect(status().isOk())
                .andExpect(jsonPath("$.features[?(@.properties.kind == 'corridor')].properties.id").value(hasItem("ix-wiekow")))
                .andReturn().getResponse().getContentAsString();
        JsonNode solid = feature(json.readTree(body), SOLID);
        assertThat(solid.path("plan").path("source").asString()).isEqualTo("shipped");
        assertThat(solid.path("plan").path("cycleSeconds").asInt()).isEqualTo(92);
        assertThat(solid.path("proposalsWaiting").asInt()).isZero();
        assertThat(solid.has("proposal")).isFalse();
        assertThat(solid.path("flows")).hasSize(2);
        JsonNode east = solid.path("flows").get(0).path("approach").asString().endsWith("east") ? solid.path("flows").get(0) : solid.path("flows").get(1);
        assertThat(east.path("flowVehPerHour").asLong()).isEqualTo(1656);
        assertThat(east.path("degreeOfSaturation").asDouble()).isEqualTo(0.92);
        assertThat(solid.path("maxDegreeOfSaturation").asDouble()).isEqualTo(0.92);
        assertThat(Instant.parse(solid.path("flowsAt").asString())).isEqualTo(now.minus(Duration.ofMinutes(5)));

        JsonNode sienk = feature(json.readTree(body), SIENK);
        assertThat(sienk.path("plan").path("source").asString()).isEqualTo("approved");
        assertThat(sienk.path("plan").path("cycleSeconds").asInt()).isEqualTo(80);
        assertThat(sienk.path("flows")).isEmpty();
        assertThat(sienk.path("maxDegreeOfSaturation").isNull()).isTrue();

        JsonNode czarn = feature(json.readTree(body), CZARN);
        assertThat(czarn.path("plan").path("source").asString()).isEqualTo("signal-timing");
        assertThat(czarn.path("plan").path("cycleSeconds").asInt()).isEqualTo(76);
        assertThat(czarn.path("proposalsWaiting").asInt()).isEqualTo(1);
        assertThat(czarn.path("proposal").path("planId").asString()).isEqualTo("T-IX-CZARN-1");
        assertThat(czarn.path("proposal").path("cycleSeconds").asInt()).isEqualTo(62);
        assertThat(czarn.path("proposal").path("expectedDelayChangePercent").asDouble()).isEqualTo(-67.7);
        assertThat(czarn.path("proposal").path("phases")).hasSize(3);

        // a proposal the job sends after the approval reports what it has in force (here: it kept the shipped plan)
        Thread.sleep(5);
        plans.receive(("{\"planId\":\"T-IX-SIENK-2\",\"intersectionId\":\"" + SIENK + "\",\"cycleSeconds\":70,"
                + "\"phases\":[{\"id\":\"EW\",\"greenSeconds\":40},{\"id\":\"NS\",\"greenSeconds\":18}],"
                + "\"current\":{\"planId\":\"shipped:" + SIENK + "\",\"cycleSeconds\":75.0,\"phases\":[]}}").getBytes(StandardCharsets.UTF_8));
        JsonNode after = feature(json.readTree(mvc.perform(get("/api/map/layers/intersections").with(op)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()), SIENK);
        assertThat(after.path("plan").path("source").asString()).isEqualTo("signal-timing");
        assertThat(after.path("plan").path("cycleSeconds").asInt()).isEqualTo(75);
        assertThat(after.path("proposal").path("planId").asString()).isEqualTo("T-IX-SIENK-2");

        // the same layer goes out live over the map's SSE channel
        JsonNode live = json.readTree(feed.snapshot());
        assertThat(feature(live.path("intersections"), SOLID).path("maxDegreeOfSaturation").asDouble()).isEqualTo(0.92);
        assertThat(feature(live.path("intersections"), CZARN).path("proposal").path("planId").asString()).isEqualTo("T-IX-CZARN-1");
    }

    @Test
    void approvingAPlanSupersedesOlderProposalsOfItsIntersectionOnly() throws Exception {
        String ix = "T-IX-SUPERSEDE";
        for (String id : new String[]{"T-SUP-1", "T-SUP-2", "T-SUP-3"}) {
            plans.receive(("{\"planId\":\"" + id + "\",\"intersectionId\":\"" + ix + "\",\"cycleSeconds\":70,"
                    + "\"phases\":[{\"id\":\"A\",\"greenSeconds\":30},{\"id\":\"B\",\"greenSeconds\":30}]}").getBytes(StandardCharsets.UTF_8));
            Thread.sleep(5);   // distinct received_at
        }
        plans.approve("T-SUP-2", "test-operator", "ok");
        assertThat(plans.get("T-SUP-1").status()).isEqualTo("SUPERSEDED");
        assertThat(plans.get("T-SUP-2").status()).isEqualTo("APPROVED");
        assertThat(plans.get("T-SUP-3").status()).isEqualTo("PROPOSED");
        assertThat(plans.log(50)).anyMatch(e -> e.planId().equals("T-SUP-1") && e.action().equals("SUPERSEDED"));
    }

    @Test
    void theLayerIsForOperatorsNotForTheAdminOrAnonymous() throws Exception {
        mvc.perform(get("/api/map/layers/intersections").with(user(TestUsers.details(users, Role.ADMIN))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/map/layers/intersections")).andExpect(status().isUnauthorized());
    }

    static JsonNode feature(JsonNode fc, String id) {
        for (JsonNode f : fc.path("features")) {
            if (id.equals(f.path("properties").path("id").asString(""))) {
                return f.path("properties");
            }
        }
        throw new AssertionError("no feature " + id + " in " + fc);
    }
}
