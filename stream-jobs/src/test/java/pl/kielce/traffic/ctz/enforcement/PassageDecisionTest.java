package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.streams.RawRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.ctz.policy.Outcome;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.events.Decoded;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.enforcement.CtzFixtures.*;

/** Function level: decoding, decisions, the register-unavailable rule, case ids, policy updates. */
class PassageDecisionTest {
    static Policy policy;
    static String zoneCamera;
    static String outsideCamera;

    @BeforeAll
    static void load() {
        policy = testPolicy("test-1");
        zoneCamera = zoneCameras(policy).get(0);
        outsideCamera = outsideCameras(policy).get(0);
    }

    private static PassageDecision decide(String camera, String plate, RegisterAnswer answer) {
        PlateRead r = read("r1", camera, BEGINNING, plate);
        String zoneKey = EnforceFunction.zoneKey(policy, camera, r.capturedAtMillis());
        return EnforceFunction.decide(policy, r, zoneKey, answer, List.of());
    }

    @Test
    void compliantVehicleIsAllowedAndNeedsNoCase() {
        PassageDecision d = decide(zoneCamera, "TK11111", RegisterAnswer.found(COMPLIANT_DIESEL, null));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(d.reason()).isEqualTo("COMPLIANT");
        assertThat(d.needsCase()).isFalse();
        assertThat(d.policyVersion()).isEqualTo("test-1");
    }

    @Test
    void oldDieselIsAViolationExplainedWithPolicyVersionAndStage() {
        PassageDecision d = decide(zoneCamera, "TK22222", RegisterAnswer.found(OLD_DIESEL, null));
        assertThat(d.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(d.stageId()).isEqualTo("stage-1");
        assertThat(d.zoneId()).isEqualTo("kielce-centre");
        assertThat(d.explanation()).contains("s1-diesel").contains("test-1");
        assertThat(d.localDay()).isEqualTo(LocalDate.of(2027, 8, 2));
    }

    @Test
    void unknownVehicleIsAReviewNeverAViolation() {
        PassageDecision d = decide(zoneCamera, "TK33333", RegisterAnswer.unknown(null));
        assertThat(d.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(d.reason()).isEqualTo("UNKNOWN_VEHICLE");
    }

    @Test
    void unavailableRegisterIsAReviewWithItsOwnReason() {
        PassageDecision d = decide(zoneCamera, "TK22222", RegisterAnswer.unavailable("timeout after 2000 ms"));
        assertThat(d.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(d.reason()).isEqualTo(PassageDecision.REGISTER_UNAVAILABLE);
        assertThat(d.explanation()).contains("timeout after 2000 ms").doesNotContain("TK22222");
    }

    @Test
    void outsideTheZoneIsAllowedEvenWhenTheRegisterIsDown() {
        PassageDecision d = decide(outsideCamera, "TK22222", RegisterAnswer.unavailable("down"));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(d.zoneId()).isEqualTo("camera:" + outsideCamera);
    }

    @Test
    void occasionalEntriesOfTheShippedPackAreCountedAndRunOut() {
        Policy shipped = pl.kielce.traffic.ctz.policy.load.PolicyPacks.load(kielcePack());
        PlateRead r = read("r1", zoneCamera, BEGINNING, "TK44444");
        PassageDecision first = EnforceFunction.decide(shipped, r, "kielce-centre", RegisterAnswer.found(OLD_DIESEL, null), List.of());
        assertThat(first.outcome()).isEqualTo(Outcome.EXEMPT);
        assertThat(first.decision().consumesOccasionalEntry()).isTrue();
        List<LocalDate> sixDays = List.of(LocalDate.of(2027, 7, 1), LocalDate.of(2027, 7, 2), LocalDate.of(2027, 7, 3),
                LocalDate.of(2027, 7, 4), LocalDate.of(2027, 7, 5), LocalDate.of(2027, 7, 6));
        PassageDecision seventh = EnforceFunction.decide(shipped, r, "kielce-centre", RegisterAnswer.found(OLD_DIESEL, null), sixDays);
        assertThat(seventh.outcome()).isEqualTo(Outcome.VIOLATION);
    }

    @Test
    void caseIdIsOnePerVehicleZoneAndLocalDay() {
        LocalDate day = LocalDate.of(2027, 8, 2);
        String a = PassageDecision.caseId("kielce-sct", "TK22222", "PL", "kielce-centre", day);
        assertThat(PassageDecision.caseId("kielce-sct", "TK22222", "PL", "kielce-centre", day)).isEqualTo(a);
        assertThat(PassageDecision.caseId("kielce-sct", "TK22222", "PL", "kielce-centre", day.plusDays(1))).isNotEqualTo(a);
        assertThat(PassageDecision.caseId("kielce-sct", "TK22223", "PL", "kielce-centre", day)).isNotEqualTo(a);
        assertThat(a).startsWith("ctz-").doesNotContain("TK22222");
    }

    @Test
    void invalidReadsGiveAReasonNamingTheField() {
        assertThat(DecodeReads.decode("{\"schemaVersion\":\"1.0\",\"readId\":\"x\",\"confidence\":0.9}".getBytes(StandardCharsets.UTF_8)).reason())
                .contains("cameraId");
        assertThat(DecodeReads.decode("not json".getBytes(StandardCharsets.UTF_8)).reason()).contains("malformed JSON");
        Decoded<PlateRead> ok = DecodeReads.decode(json(anprRead("r9", zoneCamera, BEGINNING, "TK12345")));
        assertThat(ok.value().capturedAtMillis()).isEqualTo(BEGINNING.toEpochMilli());
    }

    @Test
    void policyUpdatesAreValidatedBeforeTheyReachTheJob() {
        assertThat(PolicyUpdates.validate(PolicyUpdates.encode(testFiles("test-2"))).isOk()).isTrue();
        var broken = testFiles("test-3");
        broken.put("policy.yaml", broken.get("policy.yaml").replace("minEuro: Euro 4", "minEuro: Euro 44"));
        Decoded<String> refused = PolicyUpdates.validate(PolicyUpdates.encode(broken));
        assertThat(refused.isOk()).isFalse();
        assertThat(refused.reason()).contains("policy pack refused").contains("Euro 44");
        assertThat(PolicyUpdates.validate("{}".getBytes(StandardCharsets.UTF_8)).reason()).contains("schemaVersion");
    }

    @Test
    void lateDeadLetterCarriesNoPlate() {
        RawRecord dl = DeadLetters.late(read("r5", zoneCamera, BEGINNING, "TK55555"), BEGINNING.toEpochMilli() + 3_600_000,
                600_000, BEGINNING);
        String text = new String(dl.value(), StandardCharsets.UTF_8);
        var decoded = pl.kielce.traffic.events.EventCodec.decode(dl.value(), pl.kielce.traffic.events.DeadLetter.class).value();
        assertThat(decoded.reason()).startsWith("late read");
        assertThat(new String(decoded.original(), StandardCharsets.UTF_8)).doesNotContain("TK55555").contains("r5");
        assertThat(text).doesNotContain("TK55555");
    }

    @Test
    void lookupCacheKeepsAnswersForTheirTtlAndNeverUnavailableOnes() {
        long[] now = {0};
        LookupCache cache = new LookupCache(1_000, 2, () -> now[0]);
        cache.put("A", RegisterAnswer.unknown(null));
        cache.put("B", RegisterAnswer.unavailable("down"));
        assertThat(cache.get("A")).isNotNull();
        assertThat(cache.get("B")).isNull();
        now[0] = 1_001;
        assertThat(cache.get("A")).isNull();
        cache.put("C", RegisterAnswer.unknown(null));
        cache.put("D", RegisterAnswer.unknown(null));
        cache.put("E", RegisterAnswer.unknown(null));
        assertThat(cache.size()).isEqualTo(2);
    }
}
