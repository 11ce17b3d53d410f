package pl.kielce.traffic.ctz.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.policy.Fixtures.at;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pl.kielce.traffic.ctz.policy.register.InMemoryExemptionRegisters;

/** Every row of Warsaw's five-stage table (DOMAIN.md §3): at the limit, and one step below by norm and by year. */
class WarsawTablesTest {
    static Policy waw;

    @BeforeAll
    static void load() { waw = CityPacks.load("warszawa"); }

    @ParameterizedTest(name = "{0} {1} {2} built {3} → {4} {5}")
    @CsvSource({
            // 2024-07: petrol Euro 2 / 1997, diesel Euro 4 / 2006
            "2024-08-01T10:00, petrol, Euro 2, 1990, ALLOWED,   waw24-petrol",
            "2024-08-01T10:00, petrol, Euro 1, 1997, ALLOWED,   waw24-petrol",
            "2024-08-01T10:00, petrol, Euro 1, 1996, VIOLATION, waw24-petrol",
            "2024-08-01T10:00, lpg,    Euro 1, 1996, VIOLATION, waw24-petrol",
            "2024-08-01T10:00, diesel, Euro 4, 2000, ALLOWED,   waw24-diesel",
            "2024-08-01T10:00, diesel, Euro 3, 2006, ALLOWED,   waw24-diesel",
            "2024-08-01T10:00, diesel, Euro 3, 2005, VIOLATION, waw24-diesel",
            // 2026: Euro 3 / 2000, Euro 5 / 2009
            "2026-02-02T10:00, petrol, Euro 3, 1995, ALLOWED,   waw26-petrol",
            "2026-02-02T10:00, petrol, Euro 2, 2000, ALLOWED,   waw26-petrol",
            "2026-02-02T10:00, petrol, Euro 2, 1999, VIOLATION, waw26-petrol",
            "2026-02-02T10:00, diesel, Euro 5, 2005, ALLOWED,   waw26-diesel",
            "2026-02-02T10:00, diesel, Euro 4, 2009, ALLOWED,   waw26-diesel",
            "2026-02-02T10:00, diesel, Euro 4, 2008, VIOLATION, waw26-diesel",
            // 2028: Euro 4, Euro 6 (no year alternative published)
            "2028-02-02T10:00, petrol, Euro 4, 2004, ALLOWED,   waw28-petrol",
            "2028-02-02T10:00, petrol, Euro 3, 2027, VIOLATION, waw28-petrol",
            "2028-02-02T10:00, diesel, Euro 6, 2014, ALLOWED,   waw28-diesel",
            "2028-02-02T10:00, diesel, Euro 5, 2027, VIOLATION, waw28-diesel",
            // 2030: Euro 5, Euro 6d-TEMP
            "2030-02-04T10:00, petrol, Euro 5, 2010, ALLOWED,   waw30-petrol",
            "2030-02-04T10:00, petrol, Euro 4, 2010, VIOLATION, waw30-petrol",
            "2030-02-04T10:00, diesel, Euro 6d-TEMP, 2018, ALLOWED, waw30-diesel",
            "2030-02-04T10:00, diesel, Euro 6c, 2018, VIOLATION, waw30-diesel",
            "2030-02-04T10:00, diesel, Euro 6, 2016, VIOLATION,  waw30-diesel",
            // 2032: Euro 6, Euro 6d
            "2032-02-02T10:00, petrol, Euro 6, 2015, ALLOWED,   waw32-petrol",
            "2032-02-02T10:00, petrol, Euro 5, 2012, VIOLATION, waw32-petrol",
            "2032-02-02T10:00, diesel, Euro 6d, 2021, ALLOWED,  waw32-diesel",
            "2032-02-02T10:00, diesel, Euro 6d-TEMP, 2019, VIOLATION, waw32-diesel",
    })
    void stageTable(String local, String fuel, String euro, int year, Outcome outcome, String rule) {
        VehicleFacts v = Fixtures.vehicle("M1", fuel, euro, year, year + "-04-01", 1500);
        Decision d = waw.decide(PassageFacts.of("WAW-CAM-01", "WA12345"), v, Exemptions.none(), at(local));
        assertThat(d.outcome()).as(d.explanation()).isEqualTo(outcome);
        assertThat(d.ruleId()).isEqualTo(rule);
    }

    @Test
    void residentsUntil2027AndOwners70Plus() {
        InMemoryExemptionRegisters regs = new InMemoryExemptionRegisters()
                .resident("WA1RES", new ResidentRegister.Resident(true, LocalDate.of(2023, 1, 1), LocalDate.of(1980, 1, 1)))
                .resident("WA1SEN", new ResidentRegister.Resident(false, LocalDate.of(2019, 5, 1), LocalDate.of(1955, 3, 1)))
                .resident("WA2SEN", new ResidentRegister.Resident(false, LocalDate.of(2024, 2, 1), LocalDate.of(1950, 3, 1)));
        for (String plate : new String[] {"WA1RES", "WA1SEN", "WA2SEN"}) { // occasional entries used up
            for (int year : new int[] {2025, 2026, 2028}) for (int d = 1; d <= 4; d++) regs.record(plate, LocalDate.of(year, 12, d));
        }
        VehicleFacts old = Fixtures.car(Fuel.DIESEL, "Euro 3", 2003);
        Exemptions ex = regs.asExemptions();
        Decision res = waw.decide(PassageFacts.of("WAW-CAM-01", "WA1RES"), old, ex, at("2027-06-01T08:00"));
        assertThat(res.outcome()).isEqualTo(Outcome.EXEMPT);
        assertThat(res.exemptionId()).isEqualTo("residents-paying-tax");
        assertThat(waw.decide(PassageFacts.of("WAW-CAM-01", "WA1RES"), old, ex, at("2028-01-03T08:00")).outcome()).isEqualTo(Outcome.VIOLATION);
        // born 1955-03-01: 70 on 2025-03-01
        assertThat(waw.decide(PassageFacts.of("WAW-CAM-01", "WA1SEN"), old, ex, at("2025-02-28T08:00")).outcome()).isEqualTo(Outcome.VIOLATION);
        Decision senior = waw.decide(PassageFacts.of("WAW-CAM-01", "WA1SEN"), old, ex, at("2025-03-01T08:00"));
        assertThat(senior.exemptionId()).isEqualTo("owners-70-plus");
        assertThat(waw.decide(PassageFacts.of("WAW-CAM-01", "WA2SEN"), old, ex, at("2026-03-01T08:00")).outcome())
                .as("bought after the end of 2023").isEqualTo(Outcome.VIOLATION);
    }

    @Test
    void fourOccasionalEntriesAYear() {
        InMemoryExemptionRegisters regs = new InMemoryExemptionRegisters();
        Exemptions ex = regs.asExemptions();
        VehicleFacts old = Fixtures.car(Fuel.PETROL, "Euro 1", 1995);
        PassageFacts p = PassageFacts.of("WAW-CAM-01", "WA3OCC");
        for (int day = 1; day <= 4; day++) {
            String date = "2029-03-0" + day;
            Decision d = waw.decide(p, old, ex, at(date + "T09:00"));
            assertThat(d.outcome()).isEqualTo(Outcome.EXEMPT);
            assertThat(d.consumesOccasionalEntry()).isTrue();
            regs.record("WA3OCC", LocalDate.parse(date));
            Decision again = waw.decide(p, old, ex, at(date + "T18:00"));
            assertThat(again.outcome()).isEqualTo(Outcome.EXEMPT);
            assertThat(again.consumesOccasionalEntry()).as("same day is already paid for").isFalse();
        }
        assertThat(waw.decide(p, old, ex, at("2029-03-05T09:00")).outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(waw.decide(p, old, ex, at("2030-01-07T09:00")).outcome()).as("a new year").isEqualTo(Outcome.EXEMPT);
    }
}
