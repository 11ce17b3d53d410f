package pl.kielce.traffic.ctz.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.policy.Fixtures.at;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pl.kielce.traffic.ctz.policy.register.InMemoryExemptionRegisters;

/** Every row of the Kraków stage tables in DOMAIN.md §3, at the limit and one step below it. */
class KrakowTablesTest {
    static Policy k2022;
    static Policy k2026;

    @BeforeAll
    static void load() {
        k2022 = CityPacks.load("krakow-2022");
        k2026 = CityPacks.load("krakow-2026");
    }

    @ParameterizedTest(name = "2022 {0} {1} {2} {3} first reg {4} → {6} {7}")
    @CsvSource({
            // local time,        category, fuel,   euro,    year, first reg., mass, outcome,   rule
            // stage I (2024-07-01): petrol/LPG Euro 1, diesel Euro 2
            "2024-08-01T10:00, M1, petrol, Euro 1, 1993, 1993-05-01, 1300, ALLOWED,   k22-s1-petrol",
            "2024-08-01T10:00, M1, petrol, Euro 0, 1991, 1991-05-01, 1300, VIOLATION, k22-s1-petrol",
            "2024-08-01T10:00, M1, lpg,    Euro 1, 1993, 1993-05-01, 1300, ALLOWED,   k22-s1-petrol",
            "2024-08-01T10:00, M1, lpg,    Euro 0, 1991, 1991-05-01, 1300, VIOLATION, k22-s1-petrol",
            "2024-08-01T10:00, M1, diesel, Euro 2, 1997, 1997-05-01, 1700, ALLOWED,   k22-s1-diesel",
            "2024-08-01T10:00, N1, diesel, Euro 1, 1994, 1994-05-01, 3000, VIOLATION, k22-s1-diesel",
            // stage I note: cars registered after 2023-03-01: petrol Euro 3, diesel Euro 5
            "2024-08-01T10:00, M1, petrol, Euro 3, 2001, 2023-06-01, 1300, ALLOWED,   k22-s1-petrol-new",
            "2024-08-01T10:00, M1, petrol, Euro 2, 1998, 2023-06-01, 1300, VIOLATION, k22-s1-petrol-new",
            "2024-08-01T10:00, M1, diesel, Euro 5, 2011, 2023-03-02, 1700, ALLOWED,   k22-s1-diesel-new",
            "2024-08-01T10:00, M1, diesel, Euro 4, 2008, 2023-03-02, 1700, VIOLATION, k22-s1-diesel-new",
            "2024-08-01T10:00, M1, diesel, Euro 4, 2008, 2023-03-01, 1700, ALLOWED,   k22-s1-diesel",
            // stage II (2026-07-01): petrol/LPG Euro 2, diesel Euro 4
            "2026-08-03T10:00, M1, petrol, Euro 2, 1997, 1997-05-01, 1300, ALLOWED,   k22-s2-petrol",
            "2026-08-03T10:00, M1, petrol, Euro 1, 1994, 1994-05-01, 1300, VIOLATION, k22-s2-petrol",
            "2026-08-03T10:00, M1, lpg,    Euro 2, 1997, 1997-05-01, 1300, ALLOWED,   k22-s2-petrol",
            "2026-08-03T10:00, M1, lpg,    Euro 1, 1994, 1994-05-01, 1300, VIOLATION, k22-s2-petrol",
            "2026-08-03T10:00, M1, diesel, Euro 4, 2006, 2006-05-01, 1700, ALLOWED,   k22-s2-diesel",
            "2026-08-03T10:00, M1, diesel, Euro 3, 2003, 2003-05-01, 1700, VIOLATION, k22-s2-diesel",
            // stage III (2028-01-01): petrol/LPG Euro 3, diesel Euro 5
            "2028-02-01T10:00, M1, petrol, Euro 3, 2001, 2001-05-01, 1300, ALLOWED,   k22-s3-petrol",
            "2028-02-01T10:00, M1, petrol, Euro 2, 1998, 1998-05-01, 1300, VIOLATION, k22-s3-petrol",
            "2028-02-01T10:00, M1, lpg,    Euro 3, 2001, 2001-05-01, 1300, ALLOWED,   k22-s3-petrol",
            "2028-02-01T10:00, M1, lpg,    Euro 2, 1998, 1998-05-01, 1300, VIOLATION, k22-s3-petrol",
            "2028-02-01T10:00, M1, diesel, Euro 5, 2011, 2011-05-01, 1700, ALLOWED,   k22-s3-diesel",
            "2028-02-01T10:00, M3, diesel, Euro IV, 2007, 2007-05-01, 18000, VIOLATION, k22-s3-diesel",
    })
    void krakow2022(String local, String category, String fuel, String euro, int year, String firstReg, int mass,
                    Outcome outcome, String rule) {
        VehicleFacts v = Fixtures.vehicle(category, fuel, euro, year, firstReg, mass);
        Decision d = k2022.decide(PassageFacts.of("KRK-CAM-01", "KR12345"), v, Exemptions.none(), at(local));
        assertThat(d.outcome()).as(d.explanation()).isEqualTo(outcome);
        assertThat(d.ruleId()).isEqualTo(rule);
        assertThat(d.explanation()).contains("krakow-sct-2022", "2022-uchwala", rule).doesNotContain("KR12345");
    }

    @Test
    void krakow2022_residentsExemptInStageTwoOnly() {
        InMemoryExemptionRegisters regs = new InMemoryExemptionRegisters()
                .resident("KR1RES", new ResidentRegister.Resident(true, LocalDate.of(2010, 1, 1), null));
        VehicleFacts oldDiesel = Fixtures.car(Fuel.DIESEL, "Euro 1", 1994);
        PassageFacts p = PassageFacts.of("KRK-CAM-01", "KR1RES");
        Decision stage2 = k2022.decide(p, oldDiesel, regs.asExemptions(), at("2026-08-03T10:00"));
        assertThat(stage2.outcome()).isEqualTo(Outcome.EXEMPT);
        assertThat(stage2.exemptionId()).isEqualTo("residents");
        assertThat(k2022.decide(p, oldDiesel, regs.asExemptions(), at("2028-02-01T10:00")).outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(k2022.decide(p, oldDiesel, regs.asExemptions(), at("2024-08-01T10:00")).outcome()).isEqualTo(Outcome.VIOLATION);
    }

    @Test
    void krakow2022_unknownFirstRegistrationOnlyMattersWhenItDecides() {
        PassageFacts p = PassageFacts.of("KRK-CAM-01", "KR12345");
        // Euro 3 petrol meets both the "registered after 2023-03-01" row and the general row
        Decision both = k2022.decide(p, Fixtures.vehicle("M1", "petrol", "Euro 3", 2001, "", 1300), Exemptions.none(), at("2024-08-01T10:00"));
        assertThat(both.outcome()).isEqualTo(Outcome.ALLOWED);
        // Euro 2 petrol meets the general row only: the answer depends on the unknown date
        Decision depends = k2022.decide(p, Fixtures.vehicle("M1", "petrol", "Euro 2", 1998, "", 1300), Exemptions.none(), at("2024-08-01T10:00"));
        assertThat(depends.reason()).isEqualTo(ReasonCode.MISSING_FACT);
        assertThat(depends.missingFact()).isEqualTo("firstRegistration");
        // Euro 0 petrol fails both rows, but the register must still say which applies → review, not violation
        Decision fails = k2022.decide(p, Fixtures.vehicle("M1", "petrol", "Euro 0", 1990, "", 1300), Exemptions.none(), at("2024-08-01T10:00"));
        assertThat(fails.outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void krakow2026_unknownMassOnlyMattersWhenItDecides() {
        PassageFacts p = PassageFacts.of("KRK-CAM-01", "KR12345");
        assertThat(k2026.decide(p, Fixtures.vehicle("M1", "diesel", "Euro 6", 2015, "", 0), Exemptions.none(), at("2026-03-02T09:00")).outcome())
                .isEqualTo(Outcome.ALLOWED);
        // built 2013: meets the > 3.5 t row (2012) but not the ≤ 3.5 t row (2014)
        Decision d = k2026.decide(p, Fixtures.vehicle("N2", "diesel", "Euro 5", 2013, "", 0), Exemptions.none(), at("2026-03-02T09:00"));
        assertThat(d.reason()).isEqualTo(ReasonCode.MISSING_FACT);
        assertThat(d.missingFact()).isEqualTo("grossMassKg");
    }

    @Test
    void krakow2022_beforeStageOneNothingApplies() {
        Decision d = k2022.decide(PassageFacts.of("KRK-CAM-01", "KR12345"), Fixtures.car(Fuel.DIESEL, "Euro 0", 1985), Exemptions.none(), at("2024-06-30T23:59"));
        assertThat(d.reason()).isEqualTo(ReasonCode.NO_STAGE_IN_FORCE);
        Decision first = k2022.decide(PassageFacts.of("KRK-CAM-01", "KR12345"), Fixtures.car(Fuel.DIESEL, "Euro 0", 1985), Exemptions.none(), at("2024-07-01T00:00"));
        assertThat(first.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(first.stageId()).isEqualTo("stage-1");
    }

    @ParameterizedTest(name = "2026 {0} {1} {2} {3} built {4} {6} kg → {7} {8}")
    @CsvSource({
            // petrol Euro 4 or built ≥ 2005
            "KRK-CAM-01, M1, petrol, Euro 4, 2003, 2003-05-01, 1300, ALLOWED,   k26-petrol",
            "KRK-CAM-01, M1, petrol, Euro 3, 2005, 2005-05-01, 1300, ALLOWED,   k26-petrol",
            "KRK-CAM-01, M1, petrol, Euro 3, 2004, 2004-05-01, 1300, VIOLATION, k26-petrol",
            "KRK-CAM-01, M1, lpg,    Euro 3, 2004, 2004-05-01, 1300, VIOLATION, k26-petrol",
            "KRK-CAM-01, M1, petrol, '',     2004, 2004-05-01, 1300, REVIEW,    k26-petrol",
            // diesel ≤ 3.5 t Euro 6 or built ≥ 2014
            "KRK-CAM-01, M1, diesel, Euro 6, 2013, 2013-05-01, 1800, ALLOWED,   k26-diesel-upto-3.5t",
            "KRK-CAM-01, M1, diesel, Euro 5, 2014, 2014-05-01, 1800, ALLOWED,   k26-diesel-upto-3.5t",
            "KRK-CAM-01, M1, diesel, Euro 5, 2013, 2013-05-01, 1800, VIOLATION, k26-diesel-upto-3.5t",
            "KRK-CAM-01, N1, diesel, Euro 5, 2013, 2013-05-01, 3500, VIOLATION, k26-diesel-upto-3.5t",
            // diesel > 3.5 t Euro 6 or built ≥ 2012
            "KRK-CAM-01, N3, diesel, Euro VI, 2010, 2010-05-01, 18000, ALLOWED,  k26-diesel-over-3.5t",
            "KRK-CAM-01, N3, diesel, Euro V, 2012, 2012-05-01, 18000, ALLOWED,   k26-diesel-over-3.5t",
            "KRK-CAM-01, N3, diesel, Euro V, 2011, 2011-05-01, 18000, VIOLATION, k26-diesel-over-3.5t",
            "KRK-CAM-01, N2, diesel, Euro 5, 2013, 2013-05-01, 3501, ALLOWED,    k26-diesel-over-3.5t",
            "KRK-CAM-01, M3, diesel, Euro V, 2011, 2011-05-01, 19000, VIOLATION, k26-diesel-over-3.5t",
            // outside the zone (Nowa Huta) nothing applies
            "KRK-CAM-03, M1, diesel, Euro 3, 2003, 2003-05-01, 1800, ALLOWED,    ",
    })
    void krakow2026(String camera, String category, String fuel, String euro, int year, String firstReg, int mass,
                    Outcome outcome, String rule) {
        VehicleFacts v = Fixtures.vehicle(category, fuel, euro, year, firstReg, mass);
        Decision d = k2026.decide(PassageFacts.of(camera, "KR12345"), v, Exemptions.none(), at("2026-03-02T09:00"));
        assertThat(d.outcome()).as(d.explanation()).isEqualTo(outcome);
        assertThat(d.ruleId()).isEqualTo(rule);
    }

    @Test
    void krakow2026_residentsBeforeCutOffAndPaidEntryUntil2028() {
        InMemoryExemptionRegisters regs = new InMemoryExemptionRegisters()
                .resident("KR1OLD", new ResidentRegister.Resident(true, LocalDate.of(2025, 6, 25), null))
                .resident("KR1NEW", new ResidentRegister.Resident(true, LocalDate.of(2025, 6, 26), null))
                .payment(new PaidEntryRegister.Payment("KR2PAY", "day-pass", at("2028-05-05T00:00"), at("2028-05-06T00:00"), java.util.Set.of()))
                .payment(new PaidEntryRegister.Payment("KR2PAY", "day-pass", at("2029-05-05T00:00"), at("2029-05-06T00:00"), java.util.Set.of()));
        VehicleFacts old = Fixtures.car(Fuel.PETROL, "Euro 2", 1999);
        assertThat(k2026.decide(PassageFacts.of("KRK-CAM-01", "KR1OLD"), old, regs.asExemptions(), at("2030-03-02T09:00")).outcome()).isEqualTo(Outcome.EXEMPT);
        assertThat(k2026.decide(PassageFacts.of("KRK-CAM-01", "KR1NEW"), old, regs.asExemptions(), at("2026-03-02T09:00")).outcome()).isEqualTo(Outcome.VIOLATION);
        Decision paid = k2026.decide(PassageFacts.of("KRK-CAM-01", "KR2PAY"), old, regs.asExemptions(), at("2028-05-05T12:00"));
        assertThat(paid.outcome()).isEqualTo(Outcome.EXEMPT);
        assertThat(paid.exemptionId()).isEqualTo("paid-entry");
        assertThat(k2026.decide(PassageFacts.of("KRK-CAM-01", "KR2PAY"), old, regs.asExemptions(), at("2029-05-05T12:00")).outcome())
                .as("paid entry ends with 2028").isEqualTo(Outcome.VIOLATION);
    }
}
