package pl.kielce.traffic.transit.adherence;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.TinyNetwork.LON_C;
import static pl.kielce.traffic.transit.TinyNetwork.feed;
import static pl.kielce.traffic.transit.TinyNetwork.seen;

class DelayPredictorTest {
    // recovery 5 % of run time, minimum dwell 20 s
    private final AdherenceSettings settings = AdherenceSettings.DEFAULTS;
    private final TripMatcher matcher = new TripMatcher(feed(), settings);
    private final DelayPredictor predictor = new DelayPredictor(settings);

    @Test
    void lateVehicleRecoversOnRunsAndUsesDwellSlack() {
        // T3: A 10:00, B 10:02, C 10:04–10:06 (dwell 120 s), D 10:08.
        // Halfway A→B at 10:04:00; scheduled there 10:01:00 → delay 180 s.
        TripProgress p = matcher.match(seen("bus-3", "T3", null, 20.005, "10:04:00"), null).value();
        assertThat(p.delaySeconds()).isEqualTo(180);

        List<StopDelay> d = predictor.predict(p);

        // A (passed): the current 180 s (not capped: 10:00 + 180 s is before 10:04)
        // B: 60 s of run left → 180 − 0.05 × 60 = 177; no dwell → departs 177 late
        // C: run 120 s → 177 − 6 = 171 at arrival; slack 120 − 20 = 100 → departs 71 late
        // D: run 120 s → 71 − 6 = 65
        assertThat(d).extracting(StopDelay::stopId).containsExactly("A", "B", "C", "D");
        assertThat(d).extracting(StopDelay::arrivalDelaySeconds).containsExactly(180, 177, 171, 65);
        assertThat(d).extracting(StopDelay::departureDelaySeconds).containsExactly(180, 177, 71, 65);
    }

    @Test
    void earlyVehicleIsHeldAtATimepoint() {
        // halfway A→B at 10:00:30 → scheduled 10:01:00 → 30 s early; no recovery for earliness;
        // held at C (scheduled dwell) → departs on time, so D is on time
        TripProgress p = matcher.match(seen("bus-3", "T3", null, 20.005, "10:00:30"), null).value();
        List<StopDelay> d = predictor.predict(p);

        // A (passed): the current −30 s (10:00 − 30 s is before the observation at 10:00:30)
        assertThat(d).extracting(StopDelay::arrivalDelaySeconds).containsExactly(-30, -30, -30, 0);
        assertThat(d).extracting(StopDelay::departureDelaySeconds).containsExactly(-30, -30, 0, 0);
    }

    @Test
    void vehicleStandingAtAStopAfterItsDepartureTimeLeavesNoEarlierThanNow() {
        // at C at 10:07:00: scheduled departure 10:06 → delay 60; it is still there, so departure delay ≥ 60
        TripProgress p = matcher.match(seen("bus-3", "T3", null, LON_C, "10:07:00"), null).value();
        assertThat(p.atStopIndex()).isEqualTo(2);
        List<StopDelay> d = predictor.predict(p);

        // A, B passed: +60; C departs +60; D: run 120 s → 60 − 6 = 54
        assertThat(d).extracting(StopDelay::stopId).containsExactly("A", "B", "C", "D");
        assertThat(d.get(1).departureDelaySeconds()).isEqualTo(60);
        assertThat(d.get(2).departureDelaySeconds()).isEqualTo(60);
        assertThat(d.get(3).arrivalDelaySeconds()).isEqualTo(54);
    }

    @Test
    void withoutRecoveryTheDelayCarriesThroughUnchanged() {
        var noRecovery = settings.withRecoveryFractionOfRunTime(0);
        TripProgress p = new TripMatcher(feed(), noRecovery).match(seen("bus-1", "T1", null, 20.015, "08:05:00"), null)
                .value();
        assertThat(new DelayPredictor(noRecovery).predict(p)).extracting(StopDelay::arrivalDelaySeconds)
                .containsExactly(120, 120, 120, 120);
    }
}
