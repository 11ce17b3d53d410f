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

    /** Like {@link #twoStage} but the running plan gives NS 20 s and EW 40 s (cycle 68 s). */
    static Intersection unevenTwoStage() {
        Intersection base = twoStage(0);
        List<Step> steps = List.of(
                new Step("ns", Step.Kind.STAGE, 20, 5, 999, List.of(G, R), null), base.steps().get(1),
                new Step("ew", Step.Kind.STAGE, 40, 5, 999, List.of(R, G), null), base.steps().get(3));
        return new Intersection("x2", "test", Double.NaN, Double.NaN, base.movements(), steps, List.of(), 30, 120, 0, List.of());
    }

    @Test
    void aSaturatedMovementKeepsItsShareOfTheCycle() {
        // running plan: NS effective green 20 + 4 − 3 = 21 s of 68 → share 0.309, capacity 1800·0.309 = 556 veh/h;
        // NS counted 450 veh/h: x = 0.81 ≥ 0.8, so its count is taken as its capacity (a queue hides the rest).
        // EW: 41/68 → capacity 1085 veh/h, counted 1000 → x = 0.92, saturated as well.
        Map<String, Double> flows = Map.of("ns", 450.0, "ew", 1000.0);
        double currentShare = 21.0 / 68;
        TimingSettings trusting = TimingSettings.defaults().withAnalysisPeriodHours(1.0);
        // trusting the counts as demand, flow ratios 0.25 : 0.56 cut NS below its current share (0.290 at C = 69 s)
        TimingPlan naive = new SignalTimingOptimiser(trusting).optimise(unevenTwoStage(), flows);
        assertThat((naive.stepSeconds().get(0) + 4 - 3) / naive.cycleSeconds()).isLessThan(currentShare);
        TimingPlan p = new SignalTimingOptimiser(trusting.withSaturatedDegree(0.8)).optimise(unevenTwoStage(), flows);
        assertThat((p.stepSeconds().get(0) + 4 - 3) / p.cycleSeconds()).isGreaterThanOrEqualTo(currentShare - 1e-6);
        assertThat(p.stepSeconds().get(1)).isEqualTo(4.0);
    }

    @Test
    void withoutTheSaturatedRuleTheSettingsOfTheFirstVersionHold() {
        TimingSettings s = new TimingSettings(3.0, 0.7, 0.25, 1.0, 1.0, 10.0, TimingSettings.Method.MIN_DELAY);
        assertThat(s.saturatedDegree()).isZero();
        assertThat(s.maxShareCut()).isEqualTo(1.0);
        assertThatThrownBy(() -> s.withMaxShareCut(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TimingSettings.forMeasuredCounts().saturatedDegree()).isEqualTo(0.9);
    }
}
