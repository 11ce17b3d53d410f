package pl.kielce.traffic.ctz.policy.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.ctz.policy.CityPacks;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.Outcome;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

class WhatIfTest {
    static final Policy KIELCE = CityPacks.load("kielce");

    static ReplayPassage at(String camera, String local, VehicleFacts v) {
        return new ReplayPassage(camera, LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Warsaw")).toInstant(), v, "PL");
    }

    static final VehicleFacts DIESEL_E4_2008 = VehicleFacts.of(VehicleCategory.M1, Fuel.DIESEL, EuroNorm.EURO_4, 2008).toBuilder().grossMassKg(1700).build();
    static final VehicleFacts PETROL_E6 = VehicleFacts.of(VehicleCategory.M1, Fuel.PETROL, EuroNorm.EURO_6, 2016);
    static final VehicleFacts PETROL_E2_2000 = VehicleFacts.of(VehicleCategory.N1, Fuel.PETROL, EuroNorm.EURO_2, 2000);

    // a day of history from 2026, before any Kielce stage is in force
    static final List<ReplayPassage> HISTORY = List.of(
            at("KCE-CAM-01", "2026-10-05T07:40", DIESEL_E4_2008),   // centre
            at("KCE-CAM-01", "2026-10-05T07:55", PETROL_E6),
            at("KCE-CAM-01", "2026-10-05T08:10", PETROL_E2_2000),
            at("KCE-CAM-05", "2026-10-05T08:20", DIESEL_E4_2008),   // inner ring only
            at("KCE-CAM-09", "2026-10-05T17:05", DIESEL_E4_2008),   // downtown only
            at("KCE-CAM-13", "2026-10-05T17:30", DIESEL_E4_2008),   // outside
            at("KCE-CAM-01", "2026-10-05T17:45", DIESEL_E4_2008.toBuilder().specialService(ServiceKind.POLICE).build()),
            at("KCE-CAM-01", "2026-10-05T18:00", null));            // unknown vehicle

    @Test
    void asHistoryWasNothingApplies() {
        WhatIfReport r = WhatIf.replay(KIELCE, null, HISTORY);
        assertThat(r.total()).isEqualTo(8);
        assertThat(r.count(Outcome.ALLOWED)).isEqualTo(8);
    }

    @Test
    void underEachStage() {
        WhatIfReport s1 = WhatIf.replay(KIELCE, "stage-1", HISTORY);
        // stage 1: centre only; diesel Euro 4 fine, petrol Euro 2 fine → no violations; unknown vehicle → review
        assertThat(s1.count(Outcome.VIOLATION)).isZero();
        assertThat(s1.count(Outcome.EXEMPT)).isZero(); // the police car is compliant anyway
        assertThat(s1.count(Outcome.REVIEW)).isEqualTo(1);

        WhatIfReport s2 = WhatIf.replay(KIELCE, "stage-2", HISTORY);
        // stage 2: inner ring; diesel Euro 4/2008 < Euro 5/2011 at CAM-01 and CAM-05; petrol Euro 2/2000 < Euro 3/2001 at CAM-01
        assertThat(s2.count(Outcome.VIOLATION)).isEqualTo(3);
        assertThat(s2.count(Outcome.EXEMPT)).isEqualTo(1);
        assertThat(s2.violations().byCamera()).containsExactly(java.util.Map.entry("KCE-CAM-01", 2L), java.util.Map.entry("KCE-CAM-05", 1L));
        assertThat(s2.violations().byHour()).containsExactly(java.util.Map.entry(7, 1L), java.util.Map.entry(8, 2L));
        assertThat(s2.violations().byFuel()).containsEntry("diesel", 2L).containsEntry("petrol", 1L);
        assertThat(s2.violations().byCategory()).containsEntry("M1", 2L).containsEntry("N1", 1L);
        assertThat(s2.violations().byEuroNorm()).containsEntry("Euro 4", 2L).containsEntry("Euro 2", 1L);
        assertThat(s2.reviews().byCamera()).containsEntry("KCE-CAM-01", 1L);
        assertThat(s2.reviews().byFuel()).containsEntry("unknown", 1L);

        WhatIfReport s3 = WhatIf.replay(KIELCE, "stage-3", HISTORY.stream());
        assertThat(s3.count(Outcome.VIOLATION)).isEqualTo(4); // + CAM-09 downtown
        WhatIfReport noMass = WhatIf.replay(KIELCE, "stage-3", List.of(at("KCE-CAM-09", "2026-10-05T17:05",
                VehicleFacts.of(VehicleCategory.M1, Fuel.DIESEL, EuroNorm.EURO_4, 2008))));
        assertThat(noMass.count(Outcome.REVIEW)).as("stage 3 diesel rows depend on gross mass").isEqualTo(1);
        assertThat(s3.violations().byCamera()).containsEntry("KCE-CAM-09", 1L).doesNotContainKey("KCE-CAM-13");
    }

    @Test
    void aggregatesReplayWithWeights() {
        // e.g. the enforcement job's hourly counts: 120 Euro 4 diesels at CAM-01 between 7 and 8
        WhatIfReport r = WhatIf.replay(KIELCE, "stage-2", List.of(
                new ReplayPassage("KCE-CAM-01", at("KCE-CAM-01", "2026-10-05T07:30", null).at(), DIESEL_E4_2008, "PL", 120),
                new ReplayPassage("KCE-CAM-01", at("KCE-CAM-01", "2026-10-05T07:30", null).at(), PETROL_E6, "PL", 900)));
        assertThat(r.total()).isEqualTo(1020);
        assertThat(r.count(Outcome.VIOLATION)).isEqualTo(120);
        assertThat(r.violations().byHour()).containsEntry(7, 120L);
    }

    @Test
    void unknownStageIsNamed() {
        assertThatThrownBy(() -> WhatIf.replay(KIELCE, "stage-9", HISTORY))
                .hasMessage("policy kielce-sct has no stage stage-9; stages: [stage-1, stage-2, stage-3]");
    }
}
