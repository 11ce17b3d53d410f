package pl.kielce.traffic.ctz.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.policy.Fixtures.at;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.ctz.policy.register.InMemoryExemptionRegisters;

/** The illustrative Kielce pack: three widening stages, and the engine's REVIEW/EXEMPT behaviour on it. */
class KielcePackTest {
    static Policy kielce;
    static final VehicleFacts OLD_DIESEL = Fixtures.car(Fuel.DIESEL, "Euro 3", 2003);
    static final VehicleFacts NEW_PETROL = Fixtures.car(Fuel.PETROL, "Euro 6d", 2022);
    static final String STAGE1 = "2027-08-02T10:15", STAGE2 = "2029-03-05T10:15", STAGE3 = "2031-03-03T10:15";

    @BeforeAll
    static void load() { kielce = CityPacks.load("kielce"); }

    /**
     * The pack's version is what every decision quotes, so two different packs must never share one: the digest of
     * the policy and the zone and camera files it names is recorded here per version. A change to them without
     * a new version fails this test (it happened once: the review threshold went from 0.90 to 0.80 under the same
     * version, so decisions under either rule carried the same version).
     */
    @Test
    void theVersionChangesWhenThePackDoes() throws Exception {
        Map<String, String> digestByVersion = Map.of(
                "2026.11.1-illustrative", "80808beb99b5b9297a61df6cc35b701905bbd7e577f678750529933a620b0afd");
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        Map<String, String> files = CityPacks.strings("kielce");
        for (String name : java.util.List.of("policy.yaml", "zones.geojson", "cameras.geojson")) {
            sha.update((name + '\0' + files.get(name) + '\0').getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String digest = java.util.HexFormat.of().formatHex(sha.digest());
        assertThat(digest).as("cities/kielce has changed but its version (%s) has not: raise `version` in policy.yaml "
                + "(decisions quote it), then record the new version and digest %s here", kielce.version(), digest)
                .isEqualTo(digestByVersion.get(kielce.version()));
    }

    @Test
    void packLoadsWithThreeIllustrativeStagesAndTheCameras() {
        assertThat(kielce.illustrative()).isTrue();
        assertThat(kielce.stageIds()).containsExactly("stage-1", "stage-2", "stage-3");
        assertThat(kielce.cameras()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(kielce.stageOn(LocalDate.of(2027, 6, 30))).isEmpty();
        assertThat(kielce.stageOn(LocalDate.of(2027, 7, 1)).orElseThrow().id()).isEqualTo("stage-1");
        assertThat(kielce.stageOn(LocalDate.of(2030, 12, 31)).orElseThrow().id()).isEqualTo("stage-2");
        assertThat(kielce.stageOn(LocalDate.of(2040, 1, 1)).orElseThrow().id()).isEqualTo("stage-3");
    }

    @ParameterizedTest(name = "{0} under {1} → zone {2}")
    @CsvSource({
            "KCE-CAM-01, stage-1, kielce-centre", "KCE-CAM-01, stage-2, kielce-inner", "KCE-CAM-01, stage-3, kielce-downtown",
            "KCE-CAM-05, stage-1, ",              "KCE-CAM-05, stage-2, kielce-inner", "KCE-CAM-05, stage-3, kielce-downtown",
            "KCE-CAM-09, stage-1, ",              "KCE-CAM-09, stage-2, ",             "KCE-CAM-09, stage-3, kielce-downtown",
            "KCE-CAM-13, stage-1, ",              "KCE-CAM-13, stage-2, ",             "KCE-CAM-13, stage-3, ",
    })
    void stagesWidenTheArea(String camera, String stage, String zone) {
        assertThat(kielce.cameraZone(camera, stage).orElse(null)).isEqualTo(zone);
    }

    @ParameterizedTest(name = "{0} at {1}: {2} → {3}")
    @CsvSource({
            // stage 1: centre only; petrol Euro 2/1997, diesel Euro 4/2006
            "KCE-CAM-01, " + STAGE1 + ", diesel, Euro 3, 2003, VIOLATION, s1-diesel",
            "KCE-CAM-01, " + STAGE1 + ", diesel, Euro 3, 2006, ALLOWED,   s1-diesel",
            "KCE-CAM-01, " + STAGE1 + ", petrol, Euro 1, 1996, VIOLATION, s1-petrol",
            "KCE-CAM-05, " + STAGE1 + ", diesel, Euro 3, 2003, ALLOWED,   ",
            // stage 2: inner ring; petrol Euro 3/2001, diesel Euro 5/2011
            "KCE-CAM-05, " + STAGE2 + ", diesel, Euro 4, 2008, VIOLATION, s2-diesel",
            "KCE-CAM-05, " + STAGE2 + ", diesel, Euro 5, 2010, ALLOWED,   s2-diesel",
            "KCE-CAM-01, " + STAGE2 + ", petrol, Euro 2, 2000, VIOLATION, s2-petrol",
            "KCE-CAM-09, " + STAGE2 + ", diesel, Euro 3, 2003, ALLOWED,   ",
            // stage 3: downtown; petrol Euro 4/2006, diesel ≤3.5 t Euro 6/2015
            "KCE-CAM-09, " + STAGE3 + ", diesel, Euro 5, 2014, VIOLATION, s3-diesel-light",
            "KCE-CAM-09, " + STAGE3 + ", diesel, Euro 6, 2014, ALLOWED,   s3-diesel-light",
            "KCE-CAM-12, " + STAGE3 + ", petrol, Euro 3, 2005, VIOLATION, s3-petrol",
            "KCE-CAM-13, " + STAGE3 + ", petrol, Euro 1, 1994, ALLOWED,   ",
    })
    void threeStages(String camera, String local, String fuel, String euro, int year, Outcome outcome, String rule) {
        Decision d = kielce.decide(PassageFacts.of(camera, "TK12345"), Fixtures.car(Fuel.parse(fuel).orElseThrow(), euro, year), Exemptions.none(), at(local));
        assertThat(d.outcome()).as(d.explanation()).isEqualTo(outcome);
        assertThat(d.ruleId()).isEqualTo(rule);
    }

    @Test
    void heavyDieselInStageThreeNeedsEuroVI() {
        VehicleFacts truck = Fixtures.vehicle("N3", "diesel", "Euro V", 2013, "2013-06-01", 18_000);
        Decision d = kielce.decide(PassageFacts.of("KCE-CAM-09", "TK7781A"), truck, Exemptions.none(), at(STAGE3));
        assertThat(d.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(d.ruleId()).isEqualTo("s3-diesel-heavy");
        VehicleFacts unknownMass = truck.toBuilder().grossMassKg(0).build();
        Decision review = kielce.decide(PassageFacts.of("KCE-CAM-09", "TK7781A"), unknownMass, Exemptions.none(), at(STAGE3));
        assertThat(review.reason()).isEqualTo(ReasonCode.MISSING_FACT);
        assertThat(review.missingFact()).isEqualTo("grossMassKg");
    }

    @Test
    void explanationNamesPolicyStageRuleAndFactsButNeverThePlate() {
        Decision d = kielce.decide(PassageFacts.of("KCE-CAM-01", "TK12345"), OLD_DIESEL, Exemptions.none(), at(STAGE1));
        assertThat(d.explanation())
                .contains("VIOLATION (s1-diesel)", "kielce-sct", "2026.11.1-illustrative", "(illustrative)", "stage-1", "kielce-centre",
                        "KCE-CAM-01", "2027-08-02T10:15:00+02:00", "Euro 4 or newer or built ≥ 2006", "euroNorm=Euro 3", "productionYear=2003")
                .doesNotContain("TK12345");
        assertThat(d.facts()).containsEntry("fuel", "diesel").containsEntry("euroNorm", "Euro 3").doesNotContainValue("TK12345");
    }

    @Test
    void explanationInPolish() {
        Decision d = kielce.decide(PassageFacts.of("KCE-CAM-01", "TK12345"), OLD_DIESEL, Exemptions.none(), at(STAGE1));
        assertThat(d.explanationPl()).startsWith("NARUSZENIE (s1-diesel): pojazd nie spełnia wymagania i nie przysługuje mu zwolnienie. "
                        + "Polityka kielce-sct wersja 2026.11.1-illustrative (poglądowa), etap stage-1")
                .contains("Wymaganie s1-diesel: M1, M2, M3, N1, N2, N3 · olej napędowy: Euro 4 lub nowsza albo rok produkcji ≥ 2006.",
                        "norma Euro 3; rok produkcji 2003")
                .doesNotContain("TK12345");
        Decision police = kielce.decide(PassageFacts.of("KCE-CAM-01", "TK1POL"), OLD_DIESEL.toBuilder().specialService(ServiceKind.POLICE).build(),
                Exemptions.none(), at(STAGE1));
        assertThat(police.explanationPl()).startsWith("ZWOLNIONY (art39-services)").contains("pojazd służb (art. 39 ustawy o elektromobilności)");
        assertThat(police.toJson()).contains("\"explanationPl\":\"ZWOLNIONY");
    }

    @Test
    void unknownVehiclesForeignPlatesMismatchesAndLowConfidenceGoToReviewNeverViolation() {
        Exemptions none = Exemptions.none();
        Instant at = at(STAGE1);
        assertThat(kielce.decide(PassageFacts.of("KCE-CAM-01", "TK99999"), null, none, at).reason()).isEqualTo(ReasonCode.UNKNOWN_VEHICLE);
        PassageFacts german = new PassageFacts("KCE-CAM-01", "BAB1234", "DE", 0.99, null);
        assertThat(kielce.decide(german, null, none, at).reason()).isEqualTo(ReasonCode.FOREIGN_PLATE);
        assertThat(kielce.decide(german, OLD_DIESEL, none, at).reason()).isEqualTo(ReasonCode.FOREIGN_PLATE);
        assertThat(kielce.decide(german, NEW_PETROL, none, at).outcome()).isEqualTo(Outcome.ALLOWED);
        PassageFacts blurry = new PassageFacts("KCE-CAM-01", "TK12345", "PL", 0.62, null);
        assertThat(kielce.decide(blurry, OLD_DIESEL, none, at).reason()).isEqualTo(ReasonCode.LOW_CONFIDENCE);
        assertThat(kielce.decide(blurry, NEW_PETROL, none, at).outcome()).isEqualTo(Outcome.ALLOWED);
        PassageFacts truckSeen = new PassageFacts("KCE-CAM-01", "TK12345", "PL", 0.97, VehicleCategory.Body.TRUCK);
        assertThat(kielce.decide(truckSeen, NEW_PETROL, none, at).reason()).isEqualTo(ReasonCode.REGISTER_MISMATCH);
        VehicleFacts noNormNoYear = OLD_DIESEL.toBuilder().euroNorm(null).productionYear(0).firstRegistration(null).build();
        Decision missing = kielce.decide(PassageFacts.of("KCE-CAM-01", "TK12345"), noNormNoYear, none, at);
        assertThat(missing.reason()).isEqualTo(ReasonCode.MISSING_FACT);
        assertThat(missing.missingFact()).isEqualTo("euroNorm");
        VehicleFacts noNormButNew = OLD_DIESEL.toBuilder().euroNorm(null).productionYear(2007).build();
        assertThat(kielce.decide(PassageFacts.of("KCE-CAM-01", "TK12345"), noNormButNew, none, at).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(kielce.decide(PassageFacts.of("KCE-CAM-99", "TK12345"), OLD_DIESEL, none, at).reason()).isEqualTo(ReasonCode.UNKNOWN_CAMERA);
    }

    @Test
    void thresholdIsASetting() {
        assertThat(kielce.settings().reviewConfidenceBelow()).isEqualTo(0.80);
        PassageFacts p = new PassageFacts("KCE-CAM-01", "TK12345", "PL", 0.80, null);
        assertThat(kielce.decide(p, OLD_DIESEL, Exemptions.none(), at(STAGE1)).outcome()).isEqualTo(Outcome.VIOLATION);
    }

    @Test
    void exemptionsAreDataRules() {
        Instant t = at(STAGE1);
        InMemoryExemptionRegisters regs = new InMemoryExemptionRegisters()
                .card("TK1CARD", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31))
                .resident("TK1RES", new ResidentRegister.Resident(true, LocalDate.of(2020, 1, 1), null))
                .resident("TK2RES", new ResidentRegister.Resident(true, LocalDate.of(2027, 3, 1), null))
                .permit(new PermitRegister.Permit("TK1PER", "medical", at("2027-08-02T08:00"), at("2027-08-02T12:00"), Set.of("kielce-centre")))
                .permit(new PermitRegister.Permit("TK2PER", "delivery", at("2027-08-02T08:00"), at("2027-08-02T12:00"), Set.of("kielce-inner")))
                .payment(new PaidEntryRegister.Payment("TK1PAY", "hourly", at("2027-08-02T10:00"), at("2027-08-02T11:00"), Set.of()));
        for (int d = 1; d <= 6; d++) {
            for (String p : new String[] {"TK2RES", "TK2PER", "TK2PAY"}) regs.record(p, LocalDate.of(2027, 7, d));
        }
        Exemptions ex = regs.asExemptions();
        assertThat(exemptId(PassageFacts.of("KCE-CAM-01", "TK1POL"), OLD_DIESEL.toBuilder().specialService(ServiceKind.POLICE).build(), ex, t)).isEqualTo("art39-services");
        assertThat(exemptId(PassageFacts.of("KCE-CAM-01", "TK1AMB"), OLD_DIESEL.toBuilder().specialService(ServiceKind.AMBULANCE).build(), ex, t)).isEqualTo("art39-services");
        assertThat(exemptId(PassageFacts.of("KCE-CAM-01", "TK1HIS"), OLD_DIESEL.toBuilder().historic(true).build(), ex, t)).isEqualTo("historic");
        assertThat(exemptId(PassageFacts.of("KCE-CAM-01", "TK1CARD"), OLD_DIESEL, ex, t)).isEqualTo("disabled-card");
        assertThat(exemptId(PassageFacts.of("KCE-CAM-01", "TK1RES"), OLD_DIESEL, ex, t)).isEqualTo("residents");
        assertThat(exemptId(PassageFacts.of("KCE-CAM-01", "TK1PER"), OLD_DIESEL, ex, t)).isEqualTo("permits");
        assertThat(exemptId(PassageFacts.of("KCE-CAM-01", "TK1PAY"), OLD_DIESEL, ex, t)).isEqualTo("paid-entry");
        // bought after the residents' cut-off, permit for another area, occasional entries used up → violation
        assertThat(kielce.decide(PassageFacts.of("KCE-CAM-01", "TK2RES"), OLD_DIESEL, ex, t).outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(kielce.decide(PassageFacts.of("KCE-CAM-01", "TK2PER"), OLD_DIESEL, ex, t).outcome()).isEqualTo(Outcome.VIOLATION);
        // residents' exemption ends 2030-12-31
        Decision late = kielce.decide(PassageFacts.of("KCE-CAM-01", "TK1RES"), OLD_DIESEL, ex, at("2031-03-03T10:15"));
        assertThat(late.exemptionId()).isNotEqualTo("residents");
        // a CNG vehicle with a requirement row would still be exempt by statute: a gas bus
        VehicleFacts cngBus = Fixtures.vehicle("M3", "cng", "Euro 3", 2003, "2003-01-01", 18_000);
        assertThat(kielce.decide(PassageFacts.of("KCE-CAM-01", "TK1BUS"), cngBus, ex, t).outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void anUnreachableRegisterMeansReviewNotViolation() {
        Decision d = kielce.decide(PassageFacts.of("KCE-CAM-01", "TK12345"), OLD_DIESEL, Exemptions.unavailable(), at(STAGE1));
        assertThat(d.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(d.reason()).isEqualTo(ReasonCode.EXEMPTION_UNVERIFIED);
        Exemptions failing = new Exemptions((p, day) -> { throw new IllegalStateException("db down"); }, Exemptions.none().residents(),
                Exemptions.none().permits(), Exemptions.none().paidEntries(), Exemptions.none().occasionalEntries());
        assertThat(kielce.decide(PassageFacts.of("KCE-CAM-01", "TK12345"), OLD_DIESEL, failing, at(STAGE1)).reason()).isEqualTo(ReasonCode.EXEMPTION_UNVERIFIED);
    }

    @Test
    void occasionalEntriesAreConsumedOncePerDay() {
        InMemoryExemptionRegisters regs = new InMemoryExemptionRegisters();
        Decision d = kielce.decide(PassageFacts.of("KCE-CAM-01", "TK3OCC"), OLD_DIESEL, regs.asExemptions(), at(STAGE1));
        assertThat(d.exemptionId()).isEqualTo("occasional-entries");
        assertThat(d.consumesOccasionalEntry()).isTrue();
        // never spent on a vehicle that may be compliant: unknown to the register, or a fact missing
        Decision unknown = kielce.decide(PassageFacts.of("KCE-CAM-01", "TK3OCC"), null, regs.asExemptions(), at(STAGE1));
        assertThat(unknown.reason()).isEqualTo(ReasonCode.UNKNOWN_VEHICLE);
        VehicleFacts noNorm = OLD_DIESEL.toBuilder().euroNorm(null).productionYear(0).firstRegistration(null).build();
        Decision missing = kielce.decide(PassageFacts.of("KCE-CAM-01", "TK3OCC"), noNorm, regs.asExemptions(), at(STAGE1));
        assertThat(missing.reason()).isEqualTo(ReasonCode.MISSING_FACT);
        assertThat(missing.consumesOccasionalEntry()).isFalse();
    }

    @Test
    void serializableAndRebuildableFromStrings() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) { out.writeObject(kielce); }
        Policy copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) { copy = (Policy) in.readObject(); }
        Policy fromStrings = PolicyPacks.fromStrings(kielce.sources());
        for (Policy p : new Policy[] {copy, fromStrings}) {
            for (String cam : kielce.cameras().keySet()) {
                for (String when : new String[] {STAGE1, STAGE2, STAGE3}) {
                    Decision a = kielce.decide(PassageFacts.of(cam, "TK12345"), OLD_DIESEL, Exemptions.none(), at(when));
                    Decision b = p.decide(PassageFacts.of(cam, "TK12345"), OLD_DIESEL, Exemptions.none(), at(when));
                    assertThat(b.explanation()).isEqualTo(a.explanation());
                }
            }
        }
    }

    @Test
    void decideForAPlaceInsteadOfACamera() {
        // the Rynek is in the strict centre; ul. 1 Maja (north-west) is outside every zone
        Decision rynek = kielce.decideAtLocation(20.6286, 50.8703, null, OLD_DIESEL, Exemptions.none(), at(STAGE1));
        assertThat(rynek.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(rynek.zoneId()).isEqualTo("kielce-centre");
        assertThat(rynek.cameraId()).isEqualTo("point 20.628600,50.870300");
        assertThat(kielce.decideAtLocation(20.6068, 50.8940, null, OLD_DIESEL, Exemptions.none(), at(STAGE3)).reason()).isEqualTo(ReasonCode.OUTSIDE_ZONE);
        assertThat(kielce.decideAtLocation(20.6286, 50.8703, null, NEW_PETROL, Exemptions.none(), at(STAGE3)).reason()).isEqualTo(ReasonCode.COMPLIANT);
        assertThat(kielce.decideAtLocation(20.6286, 50.8703, null, OLD_DIESEL, Exemptions.none(), at("2026-12-01T10:00")).reason()).isEqualTo(ReasonCode.NO_STAGE_IN_FORCE);
    }

    @Test
    void theSampleRegisterExtractParsesCleanly() throws Exception {
        var loaded = pl.kielce.traffic.ctz.policy.register.InMemoryVehicleRegister.fromCsv(CityPacks.dir("kielce").resolve("register-sample.csv"));
        assertThat(loaded.getValue()).isEmpty();
        assertThat(loaded.getKey().size()).isEqualTo(19);
        VehicleFacts v = loaded.getKey().find("TK1003C").orElseThrow();
        assertThat(kielce.decide(PassageFacts.of("KCE-CAM-01", "TK1003C"), v, Exemptions.none(), at(STAGE2)).ruleId()).isEqualTo("s2-diesel");
    }

    @Test
    void zonesContainingAPoint() {
        Camera c = kielce.cameras().get("KCE-CAM-01");
        assertThat(kielce.zonesContaining(c.lon(), c.lat())).containsExactly("kielce-centre", "kielce-downtown", "kielce-inner");
    }

    private static String exemptId(PassageFacts p, VehicleFacts v, Exemptions ex, Instant at) {
        Decision d = kielce.decide(p, v, ex, at);
        assertThat(d.outcome()).as(d.explanation()).isEqualTo(Outcome.EXEMPT);
        return d.exemptionId();
    }

}
