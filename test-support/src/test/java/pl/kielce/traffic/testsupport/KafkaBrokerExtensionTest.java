package pl.kielce.traffic.testsupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionTest {

    @Test
    void producesAndConsumesThroughARealBroker() {
        KafkaBrokerExtension.createTopics(3, "ts.roundtrip");
        List<Map.Entry<String, byte[]>> records = IntStream.range(0, 30)
                .mapToObj(i -> Map.entry("k" + (i % 5), ("v" + i).getBytes(StandardCharsets.UTF_8))).toList();
        KafkaBrokerExtension.sendAll("ts.roundtrip", records);

        List<ConsumerRecord<byte[], byte[]>> got = KafkaBrokerExtension.consume("ts.roundtrip", 30, Duration.ofSeconds(30));
        assertThat(got).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).mapToObj(i -> "v" + i).toList());
        assertThat(got).extracting(ConsumerRecord::partition).containsAnyOf(0, 1, 2);
        try (var admin = KafkaBrokerExtension.broker().admin()) {
            assertThat(admin.describeTopics(List.of("ts.roundtrip")).allTopicNames().get()
                    .get("ts.roundtrip").partitions()).hasSize(3);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void createTopicsIsIdempotent() {
        KafkaBrokerExtension.createTopics("ts.twice");
        KafkaBrokerExtension.createTopics("ts.twice");
        KafkaBrokerExtension.send("ts.twice", null, new byte[]{42});
        assertThat(KafkaBrokerExtension.consume("ts.twice", 1, Duration.ofSeconds(20)).get(0).value()).containsExactly(42);
    }

    @Test
    void consumeFailsClearlyWhenTooFewRecordsArrive() {
        KafkaBrokerExtension.createTopics("ts.empty");
        assertThatThrownBy(() -> KafkaBrokerExtension.consume("ts.empty", 1, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 1 records on topic 'ts.empty'").hasMessageContaining("got 0");
        assertThat(KafkaBrokerExtension.consumeFor("ts.empty", Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void bootstrapServersIsLoopback() {
        assertThat(KafkaBrokerExtension.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }
}
