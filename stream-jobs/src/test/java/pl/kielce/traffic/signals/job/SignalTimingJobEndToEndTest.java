package pl.kielce.traffic.signals.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.signals.timing.TimingSettings;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The signal-timing job on real parts: Kafka broker, Flink MiniCluster (parallelism 2), PostGIS. */
@ExtendWith({KafkaBrokerExtension.class, PostgisExtension.class})
class SignalTimingJobEndToEndTest {
    static final String FLOWS = "sig-e2e.traffic.flows";
    static final String APPROVED = "sig-e2e.signals.plans.approved";
    static final String PROPOSED = "sig-e2e.signals.plans.proposed";
    static final String DLQ = "sig-e2e.deadletter";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static Map.Entry<String, byte[]> flow(String approach, double q) {
        return Map.entry("KI-WARSZ-CZARN", SignalInputsTest.flow("KI-WARSZ-CZARN", approach, q).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void flowsBecomeAProposalAnApprovalComesIntoForceABadOneIsRefusedAndBadRecordsAreDeadLettered() throws Exception {
        KafkaBrokerExtension.createTopics(2, FLOWS, APPROVED, PROPOSED, DLQ);
        String kafka = KafkaBrokerExtension.bootstrapServers();
        SignalTimingJob job = new SignalTimingJob(
                Kafka.rawSource(kafka, FLOWS, "sig-e2e"), Kafka.rawSource(kafka, APPROVED, "sig-e2e"),
                Kafka.deadLetterSink(kafka, DLQ), SignalTimingJob.proposalSink(kafka, PROPOSED),
                new PlanLogStore(PostgisExtension.jdbcUrl()), SignalFixtures.source(),
                SignalJobSettings.DEFAULTS.withSettleDelay(Duration.ofSeconds(2)), TimingSettings::defaults,
                Clock.systemUTC());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        job.addTo(env);
        JobClient client = env.executeAsync("signal-timing-e2e");
        try {
            // interval 08:00 at Warszawska / Czarnowska: heavy west approach, a malformed record, an unknown approach,
            // and a flow of a junction without a signal model (skipped, not dead-lettered)
            KafkaBrokerExtension.sendAll(FLOWS, List.of(
                    flow("ul. Warszawska from north", 900),
                    Map.entry("KI-WARSZ-CZARN", "{\"schemaVersion\":\"1.0\",\"intersectionId\":".getBytes(StandardCharsets.UTF_8)),
                    flow("ul. Warszawska from south", 950),
                    flow("ul. Nieznana from east", 300),
                    Map.entry("cam-7", SignalInputsTest.flow("cam-7", "N", 100).getBytes(StandardCharsets.UTF_8)),
                    flow("ul. Czarnowska from west", 1100)));

            JsonNode proposal = ActivePlan.JSON.readTree(KafkaBrokerExtension.consume(PROPOSED, 1, Duration.ofSeconds(60))
                    .get(0).value());
            String planId = proposal.get("planId").asText();
            assertThat(planId).startsWith("KI-WARSZ-CZARN-20261128T0800Z-");
            assertThat(proposal.get("intersectionId").asText()).isEqualTo("KI-WARSZ-CZARN");
            assertThat(proposal.get("expectedDelayChangePercent").asDouble()).isLessThan(-5);
            assertThat(proposal.get("current").get("planId").asText()).isEqualTo("shipped:KI-WARSZ-CZARN");
            assertThat(proposal.get("phases")).hasSize(3);
            assertThat(logRow(planId, "PROPOSED", Duration.ofSeconds(30))).contains("\"planId\": \"" + planId + "\"");

            List<DeadLetter> dead = deadLetters(2);
            assertThat(dead).extracting(DeadLetter::reason).anySatisfy(r -> assertThat(r).startsWith("malformed JSON for ApproachFlow"))
                    .anySatisfy(r -> assertThat(r).startsWith("field 'approach': 'ul. Nieznana from east' is not an approach of KI-WARSZ-CZARN"));
            assertThat(dead).allSatisfy(d -> assertThat(d.sourceTopic()).isEqualTo(FLOWS));

            // the console approves: the proposal + approvedBy/approvedAt
            ObjectNode approval = ((ObjectNode) proposal.deepCopy()).put("approvedBy", "operator1")
                    .put("approvedAt", "2026-11-28T09:00:00Z");
            KafkaBrokerExtension.send(APPROVED, "KI-WARSZ-CZARN", ActivePlan.JSON.writeValueAsBytes(approval));
            assertThat(logDetail(planId, "APPLIED", Duration.ofSeconds(30))).contains("approved by operator1");

            // a hand-edited approval with a too short pedestrian green for the west crossing is refused
            ObjectNode bad = approval.deepCopy().put("planId", "hand-edited");
            bad.withArray("phases").forEach(p -> {
                if (p.get("id").asText().equals("W")) {
                    ((ObjectNode) p).put("greenSeconds", 10);
                }
            });
            KafkaBrokerExtension.send(APPROVED, "KI-WARSZ-CZARN", ActivePlan.JSON.writeValueAsBytes(bad));
            assertThat(logDetail("hand-edited", "REFUSED", Duration.ofSeconds(30))).isEqualTo("phase W: green 10 s is below its minimum of 14 s");
            assertThat(deadLetters(3)).extracting(DeadLetter::reason)
                    .contains("approved plan hand-edited refused: phase W: green 10 s is below its minimum of 14 s");

            // the approved plan is in force: the same flows again (next interval) propose nothing new
            KafkaBrokerExtension.sendAll(FLOWS, List.of(
                    shifted("ul. Warszawska from north", 900),
                    shifted("ul. Warszawska from south", 950), shifted("ul. Czarnowska from west", 1100)));
            Thread.sleep(4_000); // > settle delay: interval 08:05 has been evaluated
            assertThat(KafkaBrokerExtension.consumeFor(PROPOSED, Duration.ofSeconds(3))).hasSize(1);
            assertThat(client.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            client.cancel().get();
        }
    }

    static Map.Entry<String, byte[]> shifted(String approach, double q) {
        return Map.entry("KI-WARSZ-CZARN", SignalInputsTest.flow("KI-WARSZ-CZARN", approach, q)
                .replace("08:05:00Z", "08:10:00Z").replace("08:00:00Z", "08:05:00Z").getBytes(StandardCharsets.UTF_8));
    }

    static List<DeadLetter> deadLetters(int count) {
        List<DeadLetter> out = new ArrayList<>();
        KafkaBrokerExtension.consume(DLQ, count, Duration.ofSeconds(30))
                .forEach(r -> out.add(EventCodec.decode(r.value(), DeadLetter.class).value()));
        return out;
    }

    static String logRow(String planId, String action, Duration timeout) throws Exception {
        return query("SELECT plan::text FROM signal_plan_log WHERE plan_id = ? AND action = ?", planId, action, timeout);
    }

    static String logDetail(String planId, String action, Duration timeout) throws Exception {
        return query("SELECT detail FROM signal_plan_log WHERE plan_id = ? AND action = ?", planId, action, timeout);
    }

    static String query(String sql, String planId, String action, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = PostgisExtension.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, planId);
                ps.setString(2, action);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + action + " entry for plan " + planId + " in signal_plan_log after " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
