package pl.kielce.traffic.transit.priority;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.signals.timing.TransitPriority;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityRequestTest {
    static final PriorityRequest REQUEST = new PriorityRequest(
            PriorityRequest.requestIdOf("KI-IXW-SOLID", "E-T", "T1", "2026-11-30", "bus-7"),
            TransitPriority.Kind.EARLY_GREEN, "KI-IXW-SOLID", "E-T", "al. IX Wieków Kielc from east", 9, "bus-7", "R1", "T1",
            "2026-11-30", 300, 85, 1_796_029_262L, 1_796_029_271L, 1_796_029_301L, "NS", 12);

    @Test
    void jsonCarriesTheVersionAndReadsBackToTheSameRequest() {
        String json = REQUEST.toJson();
        assertThat(json).startsWith("{\"schemaVersion\":\"1.0\",\"requestId\":\"tsp-")
                .contains("\"kind\":\"EARLY_GREEN\"", "\"seconds\":9", "\"observedAt\":\"2026-11-30T09:01:02Z\"",
                        "\"assumedSignalState\":{\"source\":\"FIXED_TIME_PLAN\",\"stepId\":\"NS\",\"elapsedSeconds\":12}");
        assertThat(PriorityRequest.fromJson(json.getBytes(StandardCharsets.UTF_8)).value()).isEqualTo(REQUEST);
    }

    @Test
    void requestIdIsTheSameForTheSameBusRunJunctionAndMovementOnly() {
        String id = PriorityRequest.requestIdOf("X1", "E-T", "T1", "2026-11-30", "bus-7");
        assertThat(id).isEqualTo(PriorityRequest.requestIdOf("X1", "E-T", "T1", "2026-11-30", "bus-7")).startsWith("tsp-");
        assertThat(id).isNotEqualTo(PriorityRequest.requestIdOf("X1", "E-T", "T1", "2026-12-01", "bus-7"))
                .isNotEqualTo(PriorityRequest.requestIdOf("X1", "E-L", "T1", "2026-11-30", "bus-7"))
                .isNotEqualTo(PriorityRequest.requestIdOf("X2", "E-T", "T1", "2026-11-30", "bus-7"));
    }

    @Test
    void badJsonGivesAReasonNamingTheFieldAndNeverThrows() {
        String json = REQUEST.toJson();
        assertThat(PriorityRequest.fromJson("nope".getBytes(StandardCharsets.UTF_8)).reason()).startsWith("not JSON");
        assertThat(PriorityRequest.fromJson(new byte[0]).reason()).startsWith("empty payload");
        assertThat(PriorityRequest.fromJson(null).reason()).startsWith("empty payload");
        assertThat(PriorityRequest.fromJson(json.replace("\"1.0\"", "\"2.0\"").getBytes(StandardCharsets.UTF_8)).reason())
                .contains("unsupported schemaVersion '2.0'");
        assertThat(PriorityRequest.fromJson(json.replace("EARLY_GREEN", "RED").getBytes(StandardCharsets.UTF_8)).reason())
                .contains("field kind must be EXTEND_GREEN or EARLY_GREEN");
        assertThat(PriorityRequest.fromJson(json.replace("\"seconds\":9", "\"seconds\":\"9\"").getBytes(StandardCharsets.UTF_8))
                .reason()).contains("field seconds");
        assertThat(PriorityRequest.fromJson(json.replace("\"seconds\":9", "\"seconds\":0").getBytes(StandardCharsets.UTF_8))
                .reason()).contains("seconds must be ≥ 1");
        assertThat(PriorityRequest.fromJson(json.replace("\"intersectionId\":\"KI-IXW-SOLID\",", "")
                .getBytes(StandardCharsets.UTF_8)).reason()).contains("field intersectionId");
        assertThat(PriorityRequest.fromJson(json.replace("2026-11-30T09:01:02Z", "yesterday")
                .getBytes(StandardCharsets.UTF_8)).reason()).contains("field observedAt");
    }
}
