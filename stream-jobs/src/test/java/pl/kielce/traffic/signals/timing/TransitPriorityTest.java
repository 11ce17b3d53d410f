package pl.kielce.traffic.signals.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.signals.model.Intersection;

class TransitPriorityTest {
    // twoStage: ns stage 30 s (min 5), 4 s intergreen, ew stage 30 s (min 5), 4 s intergreen = 68 s cycle
    final Intersection x = SignalTimingOptimiserTest.twoStage(0);
    final List<Double> plan = List.of(30.0, 4.0, 30.0, 4.0);
    final TransitPriority tsp = new TransitPriority(60, 10, 15);

    @Test
    void lateBusJustMissingTheEndOfGreenGetsABoundedExtension() {
        // ns green for 25 s of 30: 5 s left; the bus arrives in 12 s → short by 7 s ≤ 10 s bound
        assertThat(tsp.decide(x, plan, 0, 25, "ns", 120, 12))
                .contains(new TransitPriority.Request("x1", "ns", TransitPriority.Kind.EXTEND_GREEN, 7));
    }

    @Test
    void extensionBeyondTheBoundIsNotRequested() {
        // 5 s left, bus in 20 s → short by 15 s > 10 s
        assertThat(tsp.decide(x, plan, 0, 25, "ns", 120, 20)).isEmpty();
    }

    @Test
    void busOnTimeGetsNothing() {
        assertThat(tsp.decide(x, plan, 0, 25, "ns", 30, 12)).isEmpty();
    }

    @Test
    void lateBusOnRedGetsEarlyGreenButTheRunningStageKeepsItsMinimum() {
        // ew is running, 2 s into 30 s; ns green comes after 28 + 4 = 32 s; the bus arrives in 10 s.
        // The ew stage may end at its 5 s minimum at the earliest: cut ≤ 30 − 5 = 25, bounded by 15 s.
        var r = tsp.decide(x, plan, 2, 2, "ns", 120, 10);
        assertThat(r).isPresent();
        assertThat(r.get().kind()).isEqualTo(TransitPriority.Kind.EARLY_GREEN);
        assertThat(r.get().seconds()).isEqualTo(15);
    }

    @Test
    void intergreenIsNeverShortened() {
        assertThat(tsp.decide(x, plan, 3, 1, "ns", 300, 1)).isEmpty();
    }
}
