package pl.kielce.traffic.counts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pl.kielce.traffic.counts.replay.ReplayReads;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaBrokerExtension.class)
class ReplayReadsTest {

    @Test
    void publishesAJsonlFileAsIsKeyedByCamera(@TempDir Path dir) throws Exception {
        KafkaBrokerExtension.createTopics("replay.file");
        Path file = dir.resolve("reads.jsonl");
        Files.write(file, List.of(
                new String(Reads.json("cam-x", Reads.NOON, "TK1"), StandardCharsets.UTF_8),
                "{\"broken\":",
                "",
                new String(Reads.json("cam-y", Reads.ONE_MINUTE_LATER, "TK2"), StandardCharsets.UTF_8)));
        int code = new CommandLine(new ReplayReads()).execute("--bootstrap", KafkaBrokerExtension.bootstrapServers(),
                "--topic", "replay.file", "--file", file.toString());
        assertThat(code).isZero();
        var records = KafkaBrokerExtension.consume("replay.file", 3, Duration.ofSeconds(30));
        assertThat(records).extracting(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("cam-x", null, "cam-y");
        assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("{\"broken\":");
    }

    @Test
    void generatesReadsForTheCityCamerasWithMalformedSamples(@TempDir Path dir) {
        KafkaBrokerExtension.createTopics("replay.generated");
        int code = new CommandLine(new ReplayReads()).execute("--bootstrap", KafkaBrokerExtension.bootstrapServers(),
                "--topic", "replay.generated", "--cameras", dir.resolve("none.geojson").toString(),
                "--history-reads", "40", "--history-minutes", "10", "--malformed", "2");
        assertThat(code).isZero();
        var records = KafkaBrokerExtension.consume("replay.generated", 42, Duration.ofSeconds(30));
        var decoded = records.stream().map(r -> EventCodec.decode(r.value(), AnprRead.class)).toList();
        assertThat(decoded.stream().filter(d -> d.isOk()).count()).isEqualTo(40);
        assertThat(decoded.stream().filter(d -> !d.isOk()).map(d -> d.reason()))
                .hasSize(2).anySatisfy(r -> assertThat(r).startsWith("malformed JSON"))
                .anySatisfy(r -> assertThat(r).contains("confidence must be within 0..1"));
    }
}
