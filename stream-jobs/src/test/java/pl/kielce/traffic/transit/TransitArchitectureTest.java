package pl.kielce.traffic.transit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The transit core (schedule, adherence, priority) stays free of Flink and Kafka: only the job package wires them. */
class TransitArchitectureTest {
    private static final Path MAIN = Path.of(System.getProperty("repo.root", "."), "stream-jobs", "src", "main", "java",
            "pl", "kielce", "traffic", "transit");

    @Test
    void scheduleAdherenceAndPriorityDoNotImportFlinkOrKafka() throws IOException {
        Path main = Files.isDirectory(MAIN) ? MAIN : Path.of("src/main/java/pl/kielce/traffic/transit");
        assertThat(main).isDirectory();
        for (String pkg : List.of("schedule", "adherence", "priority")) {
            try (Stream<Path> files = Files.list(main.resolve(pkg))) {
                List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
                assertThat(java).isNotEmpty();
                for (Path f : java) {
                    assertThat(Files.readAllLines(f))
                            .as("%s must not depend on Flink, Kafka or the job package", f.getFileName())
                            .noneMatch(l -> l.startsWith("import org.apache.flink") || l.startsWith("import org.apache.kafka")
                                    || l.startsWith("import pl.kielce.traffic.transit.job")
                                    || l.startsWith("import pl.kielce.traffic.transit.simulation"));
                }
            }
        }
        // schedule depends on nothing else of the project
        try (Stream<Path> files = Files.list(main.resolve("schedule"))) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllLines(f)).noneMatch(l -> l.startsWith("import pl.kielce.traffic.")
                        && !l.startsWith("import pl.kielce.traffic.transit.schedule"));
            }
        }
    }
}
