package pl.kielce.traffic.streams;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared tail helper and the shared producer against a real KRaft broker. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaTailTest {
    @Test
    void printsTheDescribedRecordsOfAllTopicsSkipsNullLinesAndStopsAtMax() throws Exception {
        KafkaBrokerExtension.createTopics("tail-test-a", "tail-test-b");
        try (KafkaProducer<byte[], byte[]> producer = KafkaPublisher.producer(KafkaBrokerExtension.bootstrapServers())) {
            for (String v : List.of("a1", "skip", "a2", "a3")) {
                producer.send(new ProducerRecord<>("tail-test-a", v.getBytes(StandardCharsets.UTF_8))).get();
            }
            producer.send(new ProducerRecord<>("tail-test-b", "b1".getBytes(StandardCharsets.UTF_8))).get();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int lines;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            lines = KafkaTail.of(KafkaBrokerExtension.bootstrapServers(), true, 4, 60)
                    .follow("tail-test-", List.of("tail-test-a", "tail-test-b"), r -> {
                        String v = new String(r.value(), StandardCharsets.UTF_8);
                        return v.equals("skip") ? null : r.topic() + " " + v;
                    }, out);
        }
        assertThat(lines).isEqualTo(4);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactlyInAnyOrder("tail-test-a a1", "tail-test-a a2", "tail-test-a a3", "tail-test-b b1");
    }

    @Test
    void fromTheEndSeesNothingOldAndStopsAfterTheSeconds() {
        KafkaBrokerExtension.createTopics("tail-test-old");
        KafkaBrokerExtension.send("tail-test-old", "k", "old".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int lines = KafkaTail.of(KafkaBrokerExtension.bootstrapServers(), false, 0, 3)
                .follow("tail-test-", List.of("tail-test-old"), r -> "seen", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(lines).isZero();
        assertThat(bytes.size()).isZero();
    }
}
