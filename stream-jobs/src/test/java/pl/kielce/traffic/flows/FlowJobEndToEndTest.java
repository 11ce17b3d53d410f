package pl.kielce.traffic.flows;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.DetectorCount;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.PassageCount;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The flow job on real parts: Kafka broker, Flink MiniCluster (parallelism 2), PostGIS. */
@ExtendWith({KafkaBrokerExtension.class, PostgisExtension.class})
class FlowJobEndToEndTest {
    static final String DETECTORS = "e2e.traffic.detector-counts";
    static final String PASSAGES = "e2e.counts.passages-flows";
    static final String DLQ = "e2e.flows.deadletter";
    static final String FLOWS = "e2e.traffic.flows";
    static final String ALERTS = "e2e.traffic.alerts";
    static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static Map.Entry<String, byte[]> count(String detector, Instant start, int vehicles) {
        return Map.entry(detector, EventCodec.encode(new DetectorCount(detector, "ix-e2e", "N", start, 60, vehicles, 0.3)));
    }

    /** Until the flow job's consumer group has committed {@code offset} on partition 0 of {@code topic} (60 s at most). */
    static void awaitCommitted(String topic, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                OffsetAndMetadata c = admin.listConsumerGroupOffsets("e2e-flows").partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
                if (c != null && c.offset() >= offset) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the flow job did not read " + offset + " record(s) of " + topic + " within 60 s");
    }

    @Test
    void flowsPerApproachIntervalInTopicAndPostgisWithAlertsAndDeadLetters() throws Exception {
        // one detector partition: counts of both detectors stay in order, so an idle partition cannot move event
        // time past an interval before the other detector's counts for it are read (the job runs at parallelism 2)
        KafkaBrokerExtension.createTopics(1, DETECTORS, PASSAGES);
        KafkaBrokerExtension.createTopics(2, DLQ, FLOWS, ALERTS);
        String kafka = KafkaBrokerExtension.bootstrapServers();
        FlowSettings settings = FlowSettings.DEFAULTS.withTiming(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1))
                .withCongestion(0.5, 2).withSilentAfter(Duration.ofSeconds(4));
        FlowJob job = new FlowJob(
                Kafka.rawSource(kafka, DETECTORS, "e2e-flows"), Kafka.rawSource(kafka, PASSAGES, "e2e-flows"),
                Kafka.deadLetterSink(kafka, DLQ),
                KafkaText.sink(kafka, FLOWS, ApproachFlow::intersectionId, ApproachFlow::toJson),
                new FlowStore(PostgisExtension.jdbcUrl()),
                KafkaText.sink(kafka, ALERTS, FlowAlert::key, FlowAlert::toJson),
                settings, ApproachCapacities.defaults(settings), CameraApproaches.NONE, Clock.systemUTC());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1_000); // the PostGIS sink writes its batch at the latest on each checkpoint
        job.addTo(env);
        JobClient client = env.executeAsync("flows-e2e");
        try {
            // sent in steps: a record arriving after event time moved past its interval would be late (dropped)
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (client.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            KafkaBrokerExtension.sendAll(PASSAGES, List.of(Map.entry("cam-e2e",
                    EventCodec.encode(new PassageCount("cam-e2e", T0, T0.plusSeconds(300), 25)))));
            // the camera's count must be read before the detector counts move event time past its interval (else it
            // is late and dropped): wait until the job has committed its offset (on a checkpoint), not a fixed time
            awaitCommitted(PASSAGES, 1);
            List<Map.Entry<String, byte[]>> records = new ArrayList<>();
            // two detectors, 1-minute counts: interval 08:00 has 5 × (10 + 6) = 80 vehicles → 960 veh/h, x = 960 / 1600
            // interval 08:05 has 5 × (12 + 12) = 120 → 1440 veh/h, x = 0.9: two congested intervals (threshold 0.5)
            for (int m = 0; m < 5; m++) {
                records.add(count("det-a", T0.plusSeconds(60L * m), 10));
                records.add(count("det-b", T0.plusSeconds(60L * m), 6));
            }
            records.add(Map.entry("det-a", "{\"schemaVersion\":\"1.0\",\"detectorId\":".getBytes(StandardCharsets.UTF_8)));
            for (int m = 5; m < 10; m++) {
                records.add(count("det-a", T0.plusSeconds(60L * m), 12));
                records.add(count("det-b", T0.plusSeconds(60L * m), 12));
            }
            KafkaBrokerExtension.sendAll(DETECTORS, records);
            awaitCommitted(DETECTORS, records.size());
            KafkaBrokerExtension.sendAll(DETECTORS, List.of(count("det-a", T0.plusSeconds(3600), 1))); // past both intervals

            List<String> flows = KafkaBrokerExtension.consumeFor(FLOWS, Duration.ofSeconds(1)).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            long flowDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (flows.size() < 3 && System.nanoTime() < flowDeadline) {
                flows = KafkaBrokerExtension.consumeFor(FLOWS, Duration.ofSeconds(3)).stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            }
            assertThat(flows).as("flows on the topic").hasSize(3);
            assertThat(flows).anySatisfy(f -> assertThat(f).contains("\"intersectionId\":\"ix-e2e\"",
                    "\"intervalStart\":\"2026-11-28T08:00:00Z\"", "\"vehicles\":80", "\"flowVehPerHour\":960.0",
                    "\"degreeOfSaturation\":0.6", "\"reportingSources\":2"));
            assertThat(flows).anySatisfy(f -> assertThat(f).contains("\"intervalStart\":\"2026-11-28T08:05:00Z\"",
                    "\"flowVehPerHour\":1440.0", "\"degreeOfSaturation\":0.9"));
            assertThat(flows).anySatisfy(f -> assertThat(f).contains("\"intersectionId\":\"cam-e2e\"",
                    "\"source\":\"camera\"", "\"flowVehPerHour\":300.0", "\"occupancy\":null"));

            // silence alerts run on processing time, so how many arrive (det-a may fall silent too) depends on the
            // machine's pace: wait until the three expected kinds are there, at most 90 s
            List<String> alerts = List.of();
            long alertDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < alertDeadline) {
                alerts = KafkaBrokerExtension.consumeFor(ALERTS, Duration.ofSeconds(5)).stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
                if (alerts.stream().anyMatch(a -> a.contains("\"kind\":\"CONGESTION\""))
                        && alerts.stream().anyMatch(a -> a.contains("\"kind\":\"SILENT_DETECTOR\"") && a.contains("det-b"))
                        && alerts.stream().anyMatch(a -> a.contains("\"kind\":\"SILENT_CAMERA\""))) {
                    break;
                }
            }
            assertThat(alerts).anySatisfy(a -> assertThat(a).contains("\"source\":\"flows\"", "\"kind\":\"CONGESTION\"",
                    "\"intersectionId\":\"ix-e2e\""));
            assertThat(alerts).anySatisfy(a -> assertThat(a).contains("\"kind\":\"SILENT_DETECTOR\"", "\"detectorId\":\"det-b\""));
            assertThat(alerts).anySatisfy(a -> assertThat(a).contains("\"kind\":\"SILENT_CAMERA\"", "\"cameraId\":\"cam-e2e\""));

            DeadLetter dead = EventCodec.decode(KafkaBrokerExtension.consume(DLQ, 1, Duration.ofSeconds(30)).get(0).value(),
                    DeadLetter.class).value();
            assertThat(dead.reason()).startsWith("malformed JSON for DetectorCount");
            assertThat(dead.sourceTopic()).isEqualTo(DETECTORS);

            try (Connection c = PostgisExtension.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT intersection_id, source, interval_start, vehicles,"
                         + " flow_veh_per_hour, degree_of_saturation FROM traffic_flows ORDER BY intersection_id, interval_start")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + "/" + rs.getString(2) + "@" + rs.getTimestamp(3).toInstant() + "="
                            + rs.getLong(4) + "," + rs.getDouble(5) + "," + rs.getDouble(6));
                }
                assertThat(rows).containsExactly("cam-e2e/camera@2026-11-28T08:00:00Z=25,300.0,0.375",
                        "ix-e2e/detectors@2026-11-28T08:00:00Z=80,960.0,0.6",
                        "ix-e2e/detectors@2026-11-28T08:05:00Z=120,1440.0,0.9");
            }
            assertThat(client.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            client.cancel().get();
        }
    }
}
