package pl.kielce.traffic.counts;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import pl.kielce.traffic.events.DeadLetter;
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

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.counts.Reads.FIVE_MINUTES_LATER;
import static pl.kielce.traffic.counts.Reads.NOON;
import static pl.kielce.traffic.counts.Reads.ONE_MINUTE_LATER;

/** The whole slice on real parts: Kafka broker, Flink MiniCluster (parallelism 2), PostGIS. */
@ExtendWith({KafkaBrokerExtension.class, PostgisExtension.class})
class PassageCountJobEndToEndTest {
    static final String READS = "e2e.anpr.reads";
    static final String DLQ = "e2e.anpr.reads.dlq";
    static final String COUNTS = "e2e.counts.passages";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void countsPassagesPerCameraWindowAndDeadLettersBadReads() throws Exception {
        KafkaBrokerExtension.createTopics(2, READS, DLQ, COUNTS);
        String kafka = KafkaBrokerExtension.bootstrapServers();
        PassageCountSettings settings = new PassageCountSettings(Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ZERO);
        PassageCountJob job = new PassageCountJob(
                Kafka.rawSource(kafka, READS, "e2e-passage-counts"),
                Kafka.deadLetterSink(kafka, DLQ),
                Kafka.jsonSink(kafka, COUNTS, PassageCount::cameraId),
                new PassageCountStore(PostgisExtension.jdbcUrl()),
                settings, Clock.systemUTC());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job.addTo(env);
        long started = System.nanoTime();
        JobClient client = env.executeAsync("passage-counts-e2e");
        try {
            List<Map.Entry<String, byte[]>> records = new ArrayList<>();
            // e2e-cam-a: 3 in [12:00, 12:05) UTC, 2 in [12:05, 12:10); e2e-cam-b: 4 in [12:00, 12:05)
            records.add(Map.entry("e2e-cam-a", Reads.json("e2e-cam-a", NOON, "TK11111")));
            records.add(Map.entry("e2e-cam-a", Reads.json("e2e-cam-a", ONE_MINUTE_LATER, "TK22222")));
            records.add(Map.entry("e2e-cam-a", "{\"schemaVersion\":\"1.0\",\"plate\":".getBytes(StandardCharsets.UTF_8)));
            records.add(Map.entry("e2e-cam-a", Reads.json("e2e-cam-a", FIVE_MINUTES_LATER.plusSeconds(10), "TK33333")));
            records.add(Map.entry("e2e-cam-a", Reads.json("e2e-cam-a", FIVE_MINUTES_LATER.minusSeconds(1), "TK44444"))); // out of order
            records.add(Map.entry("e2e-cam-a", Reads.json("e2e-cam-a", FIVE_MINUTES_LATER.plusMinutes(4), "TK55555")));
            for (int i = 0; i < 4; i++) {
                records.add(Map.entry("e2e-cam-b", Reads.json("e2e-cam-b", NOON.plusSeconds(30L * i), "KR" + i + "ABC")));
            }
            records.add(Map.entry("e2e-cam-b", EventCodec.encodeToString(Reads.read("e2e-cam-b", NOON, "KR9ABC"))
                    .replace("\"schemaVersion\":\"1.0\"", "\"schemaVersion\":\"9.0\"").getBytes(StandardCharsets.UTF_8)));
            // pushes event time past 12:10 + 30 s out-of-orderness; the other partition goes idle after 1 s
            records.add(Map.entry("e2e-cam-a", Reads.json("e2e-cam-a", NOON.plusMinutes(20), "TK66666")));
            KafkaBrokerExtension.sendAll(READS, records);

            List<PassageCount> counts = KafkaBrokerExtension.consume(COUNTS, 3, Duration.ofSeconds(90)).stream()
                    .map(r -> EventCodec.decode(r.value(), PassageCount.class).value()).toList();
            double seconds = (System.nanoTime() - started) / 1e9;
            Instant noon = NOON.toInstant();
            Instant five = FIVE_MINUTES_LATER.toInstant();
            assertThat(counts).containsExactlyInAnyOrder(
                    new PassageCount("e2e-cam-a", noon, five, 3),
                    new PassageCount("e2e-cam-a", five, five.plusSeconds(300), 2),
                    new PassageCount("e2e-cam-b", noon, five, 4));

            List<DeadLetter> dead = KafkaBrokerExtension.consume(DLQ, 2, Duration.ofSeconds(30)).stream()
                    .map(r -> EventCodec.decode(r.value(), DeadLetter.class).value()).toList();
            assertThat(dead).extracting(DeadLetter::reason).anySatisfy(r -> assertThat(r)
                    .startsWith("malformed JSON for AnprRead: Unexpected end-of-input"));
            assertThat(dead).extracting(DeadLetter::reason)
                    .contains("unsupported schemaVersion 9.0 for AnprRead (this reader supports major version 1)");
            assertThat(dead).extracting(d -> new String(d.original(), StandardCharsets.UTF_8))
                    .contains("{\"schemaVersion\":\"1.0\",\"plate\":");
            assertThat(dead).allSatisfy(d -> {
                assertThat(d.sourceTopic()).isEqualTo(READS);
                assertThat(d.offset()).isNotNegative();
            });

            try (Connection c = PostgisExtension.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT camera_id, window_start, passages FROM passage_counts"
                         + " WHERE camera_id LIKE 'e2e-%' ORDER BY camera_id, window_start")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant() + "=" + rs.getLong(3));
                }
                assertThat(rows).containsExactly(
                        "e2e-cam-a@2026-01-20T12:00:00Z=3", "e2e-cam-a@2026-01-20T12:05:00Z=2", "e2e-cam-b@2026-01-20T12:00:00Z=4");
            }
            for (ConsumerRecord<byte[], byte[]> r : KafkaBrokerExtension.consume(COUNTS, 3, Duration.ofSeconds(5))) {
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("TK", "KR");
            }
            assertThat(client.getJobStatus().get()).isEqualTo(JobStatus.RUNNING); // bad reads did not stop it
            System.out.printf("[e2e] passage counts visible %.1f s after job submission%n", seconds);
        } finally {
            client.cancel().get();
        }
    }
}
