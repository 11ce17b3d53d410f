package pl.kielce.traffic.console.signals;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import pl.kielce.traffic.console.ConsoleTest;
import pl.kielce.traffic.console.TestCases;
import pl.kielce.traffic.console.TestUsers;
import pl.kielce.traffic.console.security.Role;
import pl.kielce.traffic.console.security.UserAccounts;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With a real Kafka KRaft broker: a proposed plan arrives on signals.plans.proposed, an operator approves it and it
 * is published on signals.plans.approved; violations arrive on ctz.violations; a bad one goes to the dead-letter topic.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaFlowsTest extends ConsoleTest {
    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry r) {
        r.add("console.kafka-enabled", () -> "true");
        r.add("spring.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
        r.add("spring.kafka.listener.auto-startup", () -> "true");
    }

    @BeforeAll
    static void topics() {
        KafkaBrokerExtension.createTopics(Topics.SIGNALS_PLANS_PROPOSED, Topics.SIGNALS_PLANS_APPROVED, Topics.CTZ_VIOLATIONS,
                Topics.CTZ_REVIEWS, Topics.DEAD_LETTER, Topics.TRAFFIC_ALERTS, Topics.TRANSIT_VEHICLE_POSITIONS,
                Topics.TRANSIT_TRIP_UPDATES, Topics.ANPR_READS_DLQ);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    UserDetailsService users;

    @Test
    void aProposedPlanIsApprovedAndPublished() throws Exception {
        TestUsers.ensureAll(accounts);
        String plan = "{\"planId\":\"T-KF-PLAN-1\",\"intersectionId\":\"KCE-INT-T1\",\"cycleSeconds\":90,\"offsetSeconds\":12,"
                + "\"phases\":[{\"id\":\"NS\",\"greenSeconds\":40},{\"id\":\"EW\",\"greenSeconds\":38}],"
                + "\"expectedDelayChangePercent\":-14.5}";
        KafkaBrokerExtension.send(Topics.SIGNALS_PLANS_PROPOSED, "KCE-INT-T1", plan.getBytes(StandardCharsets.UTF_8));
        waitFor(() -> count("SELECT count(*) FROM console_signal_plans WHERE plan_id = 'T-KF-PLAN-1'") == 1);
        mvc.perform(post("/signals/T-KF-PLAN-1/approve").param("comment", "morning peak").with(csrf())
                .with(user(TestUsers.details(users, Role.OPERATOR)))).andExpect(status().is3xxRedirection());
        List<ConsumerRecord<byte[], byte[]>> out = KafkaBrokerExtension.consume(Topics.SIGNALS_PLANS_APPROVED, 1, Duration.ofSeconds(20));
        String approved = new String(out.get(0).value(), StandardCharsets.UTF_8);
        assertThat(new String(out.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("KCE-INT-T1");
        assertThat(approved).contains("\"planId\":\"T-KF-PLAN-1\"").contains("\"approvedBy\":\"" + TestUsers.name(Role.OPERATOR) + "\"")
                .contains("\"cycleSeconds\":90").contains("morning peak");
        assertThat(jdbc.queryForObject("SELECT published FROM console_plan_log WHERE plan_id = 'T-KF-PLAN-1' AND action = 'APPROVED'",
                Boolean.class)).isTrue();
    }

    @Test
    void violationsFromTheTopicBecomeCasesAndBadOnesDeadLetters() throws Exception {
        KafkaBrokerExtension.send(Topics.CTZ_VIOLATIONS, "TK55555", TestCases.json(
                TestCases.violation("T-KF-CASE-1", "TK55555", "stage-1", Instant.parse("2026-03-04T09:00:00Z"), List.of()),
                "KCE-CAM-04", null));
        KafkaBrokerExtension.send(Topics.CTZ_VIOLATIONS, "bad", "{\"schemaVersion\":\"1.0\",\"id\":\"T-KF-BAD\"}".getBytes(StandardCharsets.UTF_8));
        waitFor(() -> count("SELECT count(*) FROM ctz_cases WHERE id = 'T-KF-CASE-1'") == 1);
        List<ConsumerRecord<byte[], byte[]>> dl = KafkaBrokerExtension.consume(Topics.DEAD_LETTER, 1, Duration.ofSeconds(20));
        DeadLetter letter = EventCodec.decode(dl.get(0).value(), DeadLetter.class).value();
        assertThat(letter.sourceTopic()).isEqualTo(Topics.CTZ_VIOLATIONS);
        assertThat(letter.reason()).contains("Violation");
        assertThat(count("SELECT count(*) FROM ctz_cases WHERE id = 'T-KF-BAD'")).isZero();
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    private static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
