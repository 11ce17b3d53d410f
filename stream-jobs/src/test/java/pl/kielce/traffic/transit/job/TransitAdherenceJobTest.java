package pl.kielce.traffic.transit.job;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.streams.LocalStack;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the demo (LocalJobsMain) finds its timetable, and that a missing one is refused with the fix. */
class TransitAdherenceJobTest {
    @Test
    void theDemoGtfsComesFromTheEnvironment() {
        assertThat(TransitAdherenceJob.demoGtfs(Map.of("TRAFFIC_TRANSIT_GTFS", "/x/kielce.zip")))
                .isEqualTo(Path.of("/x/kielce.zip"));
        assertThat(TransitAdherenceJob.demoGtfs(Map.of("TRAFFIC_DATA_DIR", "/data")))
                .isEqualTo(Path.of("/data/rnv/rnv.zip"));
        assertThat(TransitAdherenceJob.demoGtfs(Map.of("TRAFFIC_ROOT", "/work/main")))
                .isEqualTo(Path.of("/work/shared/data/rnv/rnv.zip"));
    }

    @Test
    void theLocalStackJobIsWiredWithNamedOperators() {
        // only when the RNV feed is present (as in the demo); otherwise addToLocalStack refuses clearly
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Path gtfs = TransitAdherenceJob.demoGtfs(System.getenv());
        LocalStack stack = new LocalStack("127.0.0.1:1", "jdbc:postgresql://localhost:1/x", "cities/kielce");
        if (gtfs.toFile().isFile()) {
            TransitAdherenceJob.addToLocalStack(env, stack);
            String plan = env.getExecutionPlan();
            assertThat(plan).contains("decode-vehicle-positions", "match-trip-and-predict-delays", "detect-bunching",
                    "trip-updates-sink", "transit-alerts-sink", "transit-dead-letters-sink");
        } else {
            assertThatThrownBy(() -> TransitAdherenceJob.addToLocalStack(env, stack))
                    .hasMessageContaining("set TRAFFIC_TRANSIT_GTFS");
        }
    }
}
