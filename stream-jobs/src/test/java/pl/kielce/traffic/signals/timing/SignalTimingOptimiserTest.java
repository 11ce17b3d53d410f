package pl.kielce.traffic.signals.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.signals.model.Indication;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.signals.model.Step;
import pl.kielce.traffic.signals.model.TurnDirection;

class SignalTimingOptimiserTest {
    static final Indication G = Indication.PROTECTED_GREEN;
    static final Indication Y = Indication.YELLOW;
    static final Indication R = Indication.RED;

    /**
     * Two movements, two stages: NS green | 4 s intergreen | EW green | 4 s intergreen.
     * Saturation 1800 veh/h each; stage minimum 5 s; cycle 30..120 s.
     */
    static Intersection twoStage(double nsPedestrianMinSeconds) {
        List<Movement> mv = List.of(
                new Movement("ns", "north-south", List.of(TurnDirection.THROUGH), 1, 1800, 5, nsPedestrianMinSeconds, List.of()),
                new Movement("ew", "east-west", List.of(TurnDirection.THROUGH), 1, 1800, 5, 0, List.of()));
        List<Step> steps = List.of(
                new Step("ns", Step.Kind.STAGE, 30, 5, 999, List.of(G, R), null),
                Step.intergreen("ns-ew", 4, List.of(Y, R), null),
                new Step("ew", Step.Kind.STAGE, 30, 5, 999, List.of(R, G), null),
                Step.intergreen("ew-ns", 4, List.of(R, Y), null));
        return new Intersection("x1", "test", Double.NaN, Double.NaN, mv, steps, List.of(), 30, 120, 0, List.of());
    }

    @Test
    void websterBaselineFollowsTheTextbookFormula() {
        // y_ns = 540/1800 = 0.3, y_ew = 360/1800 = 0.2, Y = 0.5
        // L = intergreens 4+4 + lost 3 s per stage ×2 = 14 s; C0 = (1.5·14 + 5)/(1 − 0.5) = 26/0.5 = 52 s
        // green time = 52 − 8 = 44 s split 0.3:0.2 → 26.4 s and 17.6 s
        var opt = new SignalTimingOptimiser(TimingSettings.defaults().withMethod(TimingSettings.Method.WEBSTER));
        TimingPlan p = opt.optimise(twoStage(0), Map.of("ns", 540.0, "ew", 360.0));
        assertThat(p.cycleSeconds()).isCloseTo(52, within(1e-6));
        assertThat(p.stepSeconds().get(0)).isCloseTo(26.4, within(1e-6));
        assertThat(p.stepSeconds().get(2)).isCloseTo(17.6, within(1e-6));
        assertThat(p.stepSeconds().get(1)).isEqualTo(4.0); // intergreens are never touched
    }

    @Test
    void minDelaySplitsFavourTheHeavierMovementAndKeepIntergreens() {
        var opt = new SignalTimingOptimiser(TimingSettings.defaults());
        TimingPlan p = opt.optimise(twoStage(0), Map.of("ns", 900.0, "ew", 300.0));
        assertThat(p.stepSeconds().get(0)).isGreaterThan(p.stepSeconds().get(2));
        assertThat(p.stepSeconds().get(1)).isEqualTo(4.0);
        assertThat(p.stepSeconds().get(3)).isEqualTo(4.0);
        assertThat(p.cycleSeconds()).isBetween(30.0, 120.0);
        // flow ratio 0.5 + 0.17: comfortably under capacity, so the worst x stays below 1
        assertThat(p.maxDegreeOfSaturation()).isLessThan(1.0);
        assertThat(p.expectedDelaySecondsPerVehicle()).isLessThanOrEqualTo(p.currentDelaySecondsPerVehicle());
    }

    @Test
    void symmetricDemandGetsEqualGreens() {
        TimingPlan p = new SignalTimingOptimiser(TimingSettings.defaults()).optimise(twoStage(0), Map.of("ns", 500.0, "ew", 500.0));
        assertThat(p.stepSeconds().get(0)).isCloseTo(p.stepSeconds().get(2), within(1.0));
    }

    @Test
    void pedestrianMinimumGreenHoldsEvenForAQuietMovement() {
        // ns carries 50 veh/h only, but its parallel crossing needs 5 s walk + 18 m / 1.2 m/s = 20 s
        TimingPlan p = new SignalTimingOptimiser(TimingSettings.defaults()).optimise(twoStage(20), Map.of("ns", 50.0, "ew", 900.0));
        assertThat(p.stepSeconds().get(0)).isGreaterThanOrEqualTo(20.0);
    }

    @Test
    void oversaturationIsAllocatedWithinTheMaximumCycle() {
        // Y = 1500/1800 + 900/1800 = 1.33 > 1: no cycle serves all; Webster would want C0 < 0.
        TimingPlan p = new SignalTimingOptimiser(TimingSettings.defaults()).optimise(twoStage(0), Map.of("ns", 1500.0, "ew", 900.0));
        assertThat(p.cycleSeconds()).isLessThanOrEqualTo(120.0);
        assertThat(p.maxDegreeOfSaturation()).isGreaterThan(1.0).isFinite();
        assertThat(p.stepSeconds().get(0)).isGreaterThan(p.stepSeconds().get(2));
    }

    @Test
    void minimumGreensThatDoNotFitTheMaximumCycleAreReported() {
        Intersection x = twoStage(200); // 200 s pedestrian minimum > 120 s cycle
        assertThatThrownBy(() -> new SignalTimingOptimiser(TimingSettings.defaults()).optimise(x, Map.of()))
                .hasMessageContaining("do not fit");
    }

    @Test
    void negativeFlowIsRefusedNamingTheMovement() {
        assertThatThrownBy(() -> new SignalTimingOptimiser(TimingSettings.defaults()).optimise(twoStage(0), Map.of("ew", -5.0)))
                .hasMessageContaining("ew");
    }
}
