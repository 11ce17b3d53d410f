package pl.kielce.traffic.ctz.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.policy.Fixtures.at;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;

/** A pack built from strings (as a broadcast update would be) with a weekday daytime schedule. */
class ScheduleTest {

    static Policy weekdayZone() {
        Map<String, String> files = new HashMap<>(CityPacks.strings("kielce"));
        files.put("policy.yaml", """
                id: test-weekdays
                version: "1"
                schedule:
                  days: [MON, TUE, WED, THU, FRI]
                  from: "07:00"
                  to: "19:00"
                  closedDates: [2027-11-11]
                  closedEveryYear: ["12-25"]
                stages:
                  - id: only
                    validFrom: 2027-01-01
                    zone: kielce-centre
                    requirements:
                      - id: diesel
                        categories: [M1]
                        fuels: [diesel]
                        minEuro: Euro 6
                  - id: night
                    validFrom: 2028-01-01
                    zone: kielce-centre
                    schedule: {from: "22:00", to: "06:00"}
                    requirements:
                      - id: night-diesel
                        categories: [M1]
                        fuels: [diesel]
                        banned: true
                """);
        return PolicyPacks.fromStrings(files);
    }

    @Test
    void operatesOnlyInItsWindow() {
        Policy p = weekdayZone();
        VehicleFacts v = Fixtures.car(Fuel.DIESEL, "Euro 5", 2012);
        PassageFacts pass = PassageFacts.of("KCE-CAM-01", "TK1");
        assertThat(p.decide(pass, v, Exemptions.none(), at("2027-11-10T07:00")).outcome()).isEqualTo(Outcome.VIOLATION); // Wednesday
        assertThat(p.decide(pass, v, Exemptions.none(), at("2027-11-10T06:59")).reason()).isEqualTo(ReasonCode.OUTSIDE_SCHEDULE);
        assertThat(p.decide(pass, v, Exemptions.none(), at("2027-11-10T19:00")).reason()).isEqualTo(ReasonCode.OUTSIDE_SCHEDULE);
        assertThat(p.decide(pass, v, Exemptions.none(), at("2027-11-11T12:00")).reason()).as("closed date").isEqualTo(ReasonCode.OUTSIDE_SCHEDULE);
        assertThat(p.decide(pass, v, Exemptions.none(), at("2027-11-13T12:00")).reason()).as("Saturday").isEqualTo(ReasonCode.OUTSIDE_SCHEDULE);
        assertThat(p.decide(pass, v, Exemptions.none(), at("2027-12-24T12:00")).outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(p.decide(pass, v, Exemptions.none(), at("2027-12-25T12:00")).reason()).as("every 25 December").isEqualTo(ReasonCode.OUTSIDE_SCHEDULE);
    }

    @Test
    void windowAcrossMidnightAndBans() {
        Policy p = weekdayZone();
        VehicleFacts v = Fixtures.car(Fuel.DIESEL, "Euro 6d", 2022);
        PassageFacts pass = PassageFacts.of("KCE-CAM-01", "TK1");
        Decision night = p.decide(pass, v, Exemptions.none(), at("2028-03-01T23:30"));
        assertThat(night.outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(night.explanation()).contains("no entry");
        assertThat(p.decide(pass, v, Exemptions.none(), at("2028-03-02T05:59")).outcome()).isEqualTo(Outcome.VIOLATION);
        assertThat(p.decide(pass, v, Exemptions.none(), at("2028-03-02T06:00")).reason()).isEqualTo(ReasonCode.OUTSIDE_SCHEDULE);
        assertThat(p.decide(pass, v, Exemptions.none(), at("2028-03-02T12:00")).reason()).isEqualTo(ReasonCode.OUTSIDE_SCHEDULE);
    }

    @Test
    void dstChangeUsesLocalTime() {
        Policy p = weekdayZone();
        VehicleFacts v = Fixtures.car(Fuel.DIESEL, "Euro 5", 2012);
        // 2027-03-29 is a Monday after the switch to CEST: 07:00 local is 05:00 UTC
        assertThat(p.decide(PassageFacts.of("KCE-CAM-01", "TK1"), v, Exemptions.none(), java.time.Instant.parse("2027-03-29T05:00:00Z")).outcome())
                .isEqualTo(Outcome.VIOLATION);
        assertThat(p.decide(PassageFacts.of("KCE-CAM-01", "TK1"), v, Exemptions.none(), java.time.Instant.parse("2027-03-29T04:59:00Z")).reason())
                .isEqualTo(ReasonCode.OUTSIDE_SCHEDULE);
    }

    @Test
    void offsetTableAgreesWithTheJdk() {
        Policy p = weekdayZone();
        java.util.Random rnd = new java.util.Random(7);
        var rules = p.timeZone().getRules();
        for (int k = 0; k < 100_000; k++) {
            java.time.Instant t = java.time.Instant.ofEpochSecond(900_000_000L + (long) (rnd.nextDouble() * 4_000_000_000L));
            assertThat(p.offsetAt(t)).as(t.toString()).isEqualTo(rules.getOffset(t).getTotalSeconds());
        }
        for (var tr = rules.nextTransition(java.time.Instant.parse("2026-01-01T00:00:00Z")); tr.getInstant().getEpochSecond() < 2_000_000_000L;
             tr = rules.nextTransition(tr.getInstant())) {
            java.time.Instant i = tr.getInstant();
            assertThat(p.offsetAt(i)).isEqualTo(tr.getOffsetAfter().getTotalSeconds());
            assertThat(p.offsetAt(i.minusSeconds(1))).isEqualTo(tr.getOffsetBefore().getTotalSeconds());
        }
    }

    @Test
    void polishPublicHolidays() {
        assertThat(PublicHolidays.easterSunday(2027)).isEqualTo(java.time.LocalDate.of(2027, 3, 28));
        assertThat(PublicHolidays.easterSunday(2026)).isEqualTo(java.time.LocalDate.of(2026, 4, 5));
        assertThat(PublicHolidays.poland(2027)).contains(java.time.LocalDate.of(2027, 3, 29), java.time.LocalDate.of(2027, 5, 27),
                java.time.LocalDate.of(2027, 12, 24)).hasSize(14);
        Map<String, String> files = new HashMap<>(CityPacks.strings("kielce"));
        files.put("policy.yaml", files.get("policy.yaml").replace("  to: \"24:00\"\n", "  to: \"24:00\"\n  closedOnPublicHolidays: PL\n"));
        Policy p = PolicyPacks.fromStrings(files);
        VehicleFacts v = Fixtures.car(Fuel.DIESEL, "Euro 3", 2003);
        PassageFacts pass = PassageFacts.of("KCE-CAM-01", "TK1");
        assertThat(p.decide(pass, v, Exemptions.none(), at("2028-04-17T10:00")).reason()).as("Easter Monday 2028").isEqualTo(ReasonCode.OUTSIDE_SCHEDULE);
        assertThat(p.decide(pass, v, Exemptions.none(), at("2028-04-18T10:00")).outcome()).isEqualTo(Outcome.VIOLATION);
        files.put("policy.yaml", files.get("policy.yaml").replace("closedOnPublicHolidays: PL", "closedOnPublicHolidays: XX"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicyPacks.fromStrings(files))
                .hasMessageContaining("schedule.closedOnPublicHolidays: public holidays of \"XX\" are not known. Fix: write PL, or list the days in closedDates / closedEveryYear");
    }
}
