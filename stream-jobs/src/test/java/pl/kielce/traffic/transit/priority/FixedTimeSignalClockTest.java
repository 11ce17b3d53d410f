package pl.kielce.traffic.transit.priority;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.signals.model.Intersection;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.priority.TspTestJunction.at;

class FixedTimeSignalClockTest {
    final Intersection x = TspTestJunction.junction(45);
    final FixedTimeSignalClock utc = new FixedTimeSignalClock(ZoneId.of("UTC"));

    @Test
    void theCycleRepeatsFromMidnightPlusTheOffset() {
        // 62 s into the 80 s cycle: EW 30 + EW-end 5 + EL 10 + EL-end 5 = 50 → NS, 12 s in
        var s = utc.at(x, at(62));
        assertThat(s.stepId()).isEqualTo("NS");
        assertThat(s.elapsedInStepSeconds()).isEqualTo(12);
        assertThat(s.planSeconds()).containsExactly(30.0, 5.0, 10.0, 5.0, 25.0, 5.0);
        assertThat(utc.at(x, at(0)).stepId()).isEqualTo("EW");
        assertThat(utc.at(x, at(79)).stepId()).isEqualTo("NS-end");
        assertThat(utc.at(x, at(80)).stepId()).isEqualTo("EW");
        // offset 20 s: the cycle starts 20 s later, so 62 s after the unshifted start is 42 s in: EL, 7 s in
        Intersection shifted = new Intersection(x.id(), x.name(), x.latitude(), x.longitude(), x.movements(), x.steps(),
                x.detectors(), x.minCycleSeconds(), x.maxCycleSeconds(), 20, x.corridorIds());
        assertThat(utc.at(shifted, at(62)).stepId()).isEqualTo("EL");
        assertThat(utc.at(shifted, at(62)).elapsedInStepSeconds()).isEqualTo(7);
    }

    @Test
    void localMidnightOfTheSettingsZone() {
        // 00:01:02 in Warsaw (UTC+1 in winter) is 62 s into the first cycle of the day there
        ZoneId warsaw = ZoneId.of("Europe/Warsaw");
        long t = ZonedDateTime.of(2026, 11, 30, 0, 1, 2, 0, warsaw).toEpochSecond();
        assertThat(new FixedTimeSignalClock(warsaw).at(x, t).stepId()).isEqualTo("NS");
        assertThat(new FixedTimeSignalClock(warsaw).at(x, t).elapsedInStepSeconds()).isEqualTo(12);
    }

    @Test
    void greenRemainingSpansTheFollowingGreenSteps() {
        assertThat(FixedTimeSignalClock.greenRemainingSeconds(x, utc.at(x, at(25)), "E-T")).isEqualTo(5);
        assertThat(FixedTimeSignalClock.greenRemainingSeconds(x, utc.at(x, at(62)), "E-T")).isZero();
    }
}
