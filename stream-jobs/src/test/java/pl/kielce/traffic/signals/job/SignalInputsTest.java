package pl.kielce.traffic.signals.job;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.streams.RawRecord;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reading traffic.flows and signals.plans.approved records; the model's groups and approach shares. */
class SignalInputsTest {
    final SignalModel model = SignalFixtures.kielce();

    static String flow(String ix, String approach, double q) {
        return "{\"schemaVersion\":\"1.0\",\"intersectionId\":\"" + ix + "\",\"approach\":\"" + approach + "\","
                + "\"source\":\"detectors\",\"intervalStart\":\"2026-11-28T08:00:00Z\",\"intervalEnd\":\"2026-11-28T08:05:00Z\","
                + "\"vehicles\":100,\"flowVehPerHour\":" + q + ",\"occupancy\":0.2,\"capacityVehPerHour\":1600,"
                + "\"degreeOfSaturation\":0.75,\"reportingSources\":2,\"coverage\":1.0,\"lon\":20.6,\"lat\":50.8}";
    }

    static Decoded<FlowSample> decode(SignalModel model, String json) {
        return DecodeFlows.decode(model, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFlowOfAModelledApproachIsReadWithItsGroup() {
        Decoded<FlowSample> d = decode(model, flow("KI-IXW-SIENK", "al. IX Wieków Kielc from east", 1200));
        assertThat(d.isOk()).isTrue();
        assertThat(d.value().group()).isEqualTo("corridor:ix-wiekow");
        assertThat(d.value().intervalEndEpochMs() - d.value().intervalStartEpochMs()).isEqualTo(300_000);
        assertThat(d.value().flowVehPerHour()).isEqualTo(1200);
    }

    @Test
    void badFlowsAreRefusedWithTheField() {
        assertThat(decode(model, "{\"schemaVersion\":\"1.0\",").reason()).startsWith("malformed JSON for ApproachFlow");
        assertThat(decode(model, flow("KI-IXW-SIENK", "N", 10).replace("\"1.0\"", "\"2.0\"")).reason())
                .isEqualTo("unsupported schemaVersion 2.0 for ApproachFlow (reads 1.x)");
        assertThat(decode(model, flow("KI-IXW-SIENK", "N", -1)).reason()).isEqualTo("field 'flowVehPerHour' must be a number ≥ 0");
        assertThat(decode(model, flow("KI-IXW-SIENK", "N", 250_000)).reason())
                .isEqualTo("field 'flowVehPerHour' 250000.0 is not a plausible approach flow (> 20000 veh/h)");
        assertThat(decode(model, flow("KI-IXW-SIENK", "N", 10).replace("08:05:00Z", "07:55:00Z")).reason())
                .isEqualTo("field 'intervalEnd' must be after 'intervalStart'");
        assertThat(decode(model, flow("KI-IXW-SIENK", "somewhere", 10)).reason())
                .startsWith("field 'approach': 'somewhere' is not an approach of KI-IXW-SIENK in the signal model");
        // an intersection without a signal model is not an error, only not ours
        assertThat(decode(model, flow("cam-12", "N", 10)).reason()).startsWith(DecodeFlows.OUTSIDE_MODEL);
    }

    @Test
    void anApproachIsSharedOverItsMovementsBySaturationFlowAndMovementOrDetectorIdsAreAccepted() {
        // from east at Solidarności: E-T 3400 veh/h and E-L 1620 veh/h of saturation flow → 0.677 / 0.323
        var shares = model.movementShares("KI-IXW-SOLID", "al. IX Wieków Kielc from east");
        assertThat(shares.keySet()).containsExactly("E-T", "E-L");
        assertThat(shares.get("E-T")).isCloseTo(3400.0 / 5020, within(1e-9));
        assertThat(model.movementShares("KI-IXW-SOLID", "E-L")).containsExactly(java.util.Map.entry("E-L", 1.0));
        // from north: N-L is counted by D7 together with S-L (two approaches), which reports under its own id —
        // the approach's flow is D5's count of N-TR only
        assertThat(model.movementShares("KI-IXW-SOLID", "al. Solidarności from north")).containsExactly(java.util.Map.entry("N-TR", 1.0));
        assertThat(model.movementShares("KI-IXW-SOLID", "KI-IXW-SOLID-D7")).containsOnlyKeys("N-L", "S-L")
                .containsValue(0.5);
        assertThat(model.movementShares("KI-IXW-SOLID", "nowhere")).isEmpty();
        assertThat(model.groupOf("KI-WARSZ-CZARN")).isEqualTo("KI-WARSZ-CZARN");
        assertThat(model.members("corridor:ix-wiekow")).containsExactly("KI-IXW-SOLID", "KI-IXW-SIENK");
    }

    @Test
    void approvalsNeedPlanIdAndIntersection() {
        RawRecord ok = new RawRecord("signals.plans.approved", 0, 7, null,
                "{\"schemaVersion\":\"1.0\",\"planId\":\"p\",\"intersectionId\":\"KI-WARSZ-CZARN\",\"approvedBy\":\"op\"}"
                        .getBytes(StandardCharsets.UTF_8));
        Decoded<ApprovalRecord> d = ApprovalRecord.parse(ok);
        assertThat(d.isOk()).isTrue();
        assertThat(d.value().approvedBy()).isEqualTo("op");
        assertThat(d.value().offset()).isEqualTo(7);
        assertThat(ApprovalRecord.parse(RawRecord.of("t", "{\"intersectionId\":\"x\"}".getBytes(StandardCharsets.UTF_8))).reason())
                .isEqualTo("field 'planId' is missing or blank");
        assertThat(ApprovalRecord.parse(RawRecord.of("t", "[1]".getBytes(StandardCharsets.UTF_8))).reason())
                .isEqualTo("an approved plan must be a JSON object");
        assertThat(ApprovalRecord.parse(RawRecord.of("t", null)).reason()).isEqualTo("empty approved-plan record");
    }

    @Test
    void planStateRoundTripsAndSimilarityIsCircularForOffsets() {
        ActivePlan a = new ActivePlan("p", "ix", java.util.List.of(30.0, 5.0, 20.0, 5.0), 58, 5);
        assertThat(ActivePlan.fromStateJson(a.toStateJson())).isEqualTo(a);
        // cycle 60: offsets 58 and 1 are 3 s apart around the cycle
        ActivePlan b = new ActivePlan("q", "ix", java.util.List.of(32.0, 5.0, 18.0, 5.0), 1, 5);
        assertThat(a.similarTo(b, 3)).isTrue();
        assertThat(a.similarTo(b, 2)).isFalse();
    }
}
