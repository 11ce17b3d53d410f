package pl.kielce.traffic.transit.priority;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.signals.timing.TransitPriority;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.priority.TspTestJunction.SETTINGS;
import static pl.kielce.traffic.transit.priority.TspTestJunction.at;
import static pl.kielce.traffic.transit.priority.TspTestJunction.fix;
import static pl.kielce.traffic.transit.priority.TspTestJunction.path;

/**
 * The whole decision on the junction of {@link TspTestJunction}. Unless said otherwise the bus comes from the
 * east along Main St at 10 m/s (100 m in the 10 s between its two positions) and drives straight on; the stop
 * line is 15 m before the centre, so a bus 80 m out arrives in (80 − 15) / 10 = 6.5 s.
 */
class PriorityDeciderTest {
    final PriorityDecider decider = new PriorityDecider(TspTestJunction.junctions(45), SETTINGS);

    static PriorityDecider.Bus late(int delaySeconds) {
        return new PriorityDecider.Bus("bus-7", "R1", "T1", "2026-11-30", delaySeconds);
    }

    /** The bus {@code metres} east of the centre at {@code s} s into the cycle, 100 m farther 10 s before. */
    Decoded<PriorityRequest> fromEast(PriorityDecider d, int delaySeconds, double metres, double s) {
        return d.decide(late(delaySeconds), fix(metres + 100, 0, at(s) - 10), fix(metres, 0, at(s)),
                path(new double[]{metres, 0}, new double[]{0, 0}, new double[]{-400, 0}));
    }

    @Test
    void lateBusJustMissingTheEndOfItsGreenGetsAnExtension() {
        // 25 s into EW (30 s): 5 s of green left; arrival in 6.5 s → short by 1.5 s → 2 s (whole seconds, up);
        // EW 30 + 1.5 = 31.5 s ≤ its 45 s maximum, 1.5 ≤ 15 s bound
        Decoded<PriorityRequest> r = fromEast(decider, 180, 80, 25);
        assertThat(r.isOk()).as(r.toString()).isTrue();
        PriorityRequest q = r.value();
        assertThat(q.kind()).isEqualTo(TransitPriority.Kind.EXTEND_GREEN);
        assertThat(q.seconds()).isEqualTo(2);
        assertThat(q.intersectionId()).isEqualTo("X1");
        assertThat(q.movementId()).isEqualTo("E-T");
        assertThat(q.approach()).isEqualTo("Main St from east");
        assertThat(q.distanceToStopLineMeters()).isEqualTo(65);
        assertThat(q.delaySeconds()).isEqualTo(180);
        assertThat(q.observedAtEpochSeconds()).isEqualTo(at(25));
        assertThat(q.expectedArrivalEpochSeconds()).isEqualTo(at(25) + 7); // 6.5 s, rounded up
        assertThat(q.validUntilEpochSeconds()).isEqualTo(at(25) + 7 + 30);
        assertThat(q.assumedStepId()).isEqualTo("EW");
        assertThat(q.assumedStepElapsedSeconds()).isEqualTo(25);
    }

    @Test
    void lateBusOnRedGetsAnEarlyGreenThatLeavesTheRunningStageItsMinimum() {
        // 62 s into the cycle: NS has run 12 of 25 s (min 10); E-T's green comes after 13 + 5 (NS-end) = 18 s.
        // Bus 100 m out arrives in 8.5 s. NS may lose at most 25 − max(10, 12) = 13 s, bound 15 s;
        // the bus needs 18 − 8.5 = 9.5 s → 9 s earlier (whole seconds, down)
        Decoded<PriorityRequest> r = fromEast(decider, 300, 100, 62);
        assertThat(r.isOk()).as(r.toString()).isTrue();
        assertThat(r.value().kind()).isEqualTo(TransitPriority.Kind.EARLY_GREEN);
        assertThat(r.value().seconds()).isEqualTo(9);
        assertThat(r.value().assumedStepId()).isEqualTo("NS");
    }

    @Test
    void extensionBeyondTheStageMaximumOfTheModelIsNotAsked() {
        // same as the extension case, but EW may last 31 s: 30 + 1.5 > 31
        PriorityDecider tight = new PriorityDecider(TspTestJunction.junctions(31), SETTINGS);
        assertThat(fromEast(tight, 180, 80, 25).reason()).startsWith("X1 E-T: green ends ")
                .contains("more than the extension bound (15 s) or the stage maximum allows (step EW, 25 s in;");
    }

    @Test
    void extensionBeyondTheTspBoundIsNotAsked() {
        // 250 m out: arrival in 23.5 s, 5 s of green left → short by 18.5 s > 15 s bound
        assertThat(fromEast(decider, 180, 250, 25).isOk()).isFalse();
    }

    @Test
    void busOnRedWhoseGreenComesFirstOrDuringAnIntergreenAsksNothing() {
        // 70 s: NS 20 s in; E-T's green in 5 + 5 = 10 s, before the bus 100 m out (8.5 s)? no: 10 > 8.5 → but NS
        // may only lose 25 − max(10, 20) = 5 s and the bus needs 10 − 8.5 = 1.5 s → 1 s early green
        assertThat(fromEast(decider, 300, 100, 70).value().seconds()).isEqualTo(1);
        // 72 s: NS 22 s in; green in 3 + 5 = 8 s ≤ 8.5 s: it comes first
        assertThat(fromEast(decider, 300, 100, 72).reason()).contains("its green starts before the bus arrives");
        // 31 s: EW-end intergreen, 1 s in; green after 4 + 10 + 5 + 25 + 5 = 49 s > 8.5 s, but intergreens are never cut
        assertThat(fromEast(decider, 300, 100, 31).reason()).contains("an intergreen is running (never shortened)");
    }

    @Test
    void busThatGetsThroughOnTheRunningGreenAsksNothing() {
        // 10 s into EW: 20 s of green left ≥ 6.5 s
        assertThat(fromEast(decider, 600, 80, 10).reason()).contains("green lasts until the bus arrives");
    }

    @Test
    void earlyAndOnTimeBusesAskNothingAndTheThresholdIsInclusive() {
        assertThat(fromEast(decider, -60, 80, 25).reason()).isEqualTo("early by 60 s: no priority");
        assertThat(fromEast(decider, 0, 80, 25).reason()).isEqualTo("late by 0 s < 120 s: no priority");
        assertThat(fromEast(decider, 119, 80, 25).isOk()).isFalse();
        assertThat(fromEast(decider, 120, 80, 25).isOk()).isTrue();
    }

    @Test
    void busDrivingAwayOrPassingOnAParallelStreetAsksNothing() {
        // left the junction eastwards: its path ahead leads away
        assertThat(decider.decide(late(300), fix(50, 0, at(25) - 10), fix(150, 0, at(25)),
                path(new double[]{150, 0}, new double[]{600, 0})).reason())
                .isEqualTo("no signalised junction on the path within 300 m");
        // westbound on a street 100 m north of the centre: its path passes 100 m > 40 m from it
        assertThat(decider.decide(late(300), fix(180, 100, at(25) - 10), fix(80, 100, at(25)),
                path(new double[]{80, 100}, new double[]{-400, 100})).isOk()).isFalse();
    }

    @Test
    void headingAndSpeedNeedTwoRecentPositionsOfAMovingBus() {
        var ahead = path(new double[]{80, 0}, new double[]{0, 0}, new double[]{-400, 0});
        assertThat(decider.decide(late(300), null, fix(80, 0, at(25)), ahead).reason())
                .isEqualTo("first position near X1: heading unknown");
        // dwelling at a stop: no closer than 10 s ago
        assertThat(decider.decide(late(300), fix(80, 0, at(25) - 10), fix(80, 0, at(25)), ahead).reason())
                .startsWith("not heading towards X1");
        // previous position 120 s old > 90 s
        assertThat(decider.decide(late(300), fix(180, 0, at(25) - 120), fix(80, 0, at(25)), ahead).reason())
                .contains("too old");
        // 400 m out: beyond the 300 m approach distance
        assertThat(fromEast(decider, 300, 400, 62).isOk()).isFalse();
    }

    @Test
    void cooldownPerIntersectionWorksBothWaysInTime() {
        assertThat(PriorityDecider.cooldownAllows(null, 1000, 120)).isTrue();
        assertThat(PriorityDecider.cooldownAllows(1000L, 1119, 120)).isFalse();
        assertThat(PriorityDecider.cooldownAllows(1000L, 1120, 120)).isTrue();
        assertThat(PriorityDecider.cooldownAllows(1000L, 950, 120)).isFalse(); // an older position arriving late
        assertThat(PriorityDecider.cooldownAllows(1000L, 1000, 0)).isTrue();
    }
}
