package pl.kielce.traffic.transit.simulation;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.signals.timing.TransitPriority;
import pl.kielce.traffic.transit.priority.PriorityRequest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityRequestsCommandTest {
    @Test
    void oneLinePerRequestAndTheReasonForAnythingElse() {
        PriorityRequest r = new PriorityRequest("tsp-1", TransitPriority.Kind.EARLY_GREEN, "KI-IXW-SOLID", "E-T",
                "al. IX Wieków Kielc from east", 7, "bus-7", "KR", "K1", "2026-11-30", 365, 65, 1_796_029_674L,
                1_796_029_684L, 1_796_029_714L, "EW-left", 1);
        assertThat(PriorityRequestsCommand.describe(r.toJson().getBytes(StandardCharsets.UTF_8))).isEqualTo(
                "TSP   EARLY_GREEN (earlier by 7 s) at KI-IXW-SOLID E-T (al. IX Wieków Kielc from east): vehicle bus-7 route KR"
                        + " trip K1 late 365 s, 65 m out, arrival 2026-11-30T09:08:04Z (assumed EW-left +1 s) id tsp-1");
        assertThat(PriorityRequestsCommand.describe("{}".getBytes(StandardCharsets.UTF_8)))
                .startsWith("OTHER unsupported schemaVersion");
    }
}
