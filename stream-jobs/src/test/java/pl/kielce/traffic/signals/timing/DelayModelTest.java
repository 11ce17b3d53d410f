package pl.kielce.traffic.signals.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DelayModelTest {

    @Test
    void undersaturatedMovementHasWebsterUniformPlusSmallOverflowDelay() {
        // C = 60 s, g = 30 s, q = 600 veh/h, s = 1800 veh/h, T = 0.25 h
        // u = 0.5, capacity = 1800·0.5 = 900 veh/h, x = 600/900 = 0.667
        // d1 = 0.5·60·(1−0.5)² / (1 − 0.667·0.5) = 7.5 / 0.6667 = 11.25 s
        // d2 = 900·0.25·[(x−1) + √((x−1)² + 8·0.5·1·x/(900·0.25))] = 225·(−0.3333 + 0.3507) = 3.90 s
        double d = DelayModel.delaySecondsPerVehicle(60, 30, 600, 1800, 0.25);
        assertThat(d).isCloseTo(15.15, within(0.01));
        assertThat(DelayModel.degreeOfSaturation(60, 30, 600, 1800)).isCloseTo(0.667, within(0.001));
    }

    @Test
    void oversaturatedMovementStaysFiniteAndGrowsWithTheQueue() {
        // x = 1080/900 = 1.2: Webster's formula would be negative/infinite. HCM's overflow term:
        // d2 = 225·[0.2 + √(0.04 + 8·0.5·1.2/(900·0.25))] = 225·(0.2 + 0.2477) = 100.7 s
        // plus the uniform term with x capped at 1: 0.5·60·0.25/(1 − 0.5) = 15 s → 115.7 s
        double over = DelayModel.delaySecondsPerVehicle(60, 30, 1080, 1800, 0.25);
        double near = DelayModel.delaySecondsPerVehicle(60, 30, 810, 1800, 0.25);
        assertThat(over).isCloseTo(115.7, within(0.1));
        assertThat(near).isLessThan(over);
        // a longer analysis period lets the queue grow longer: T = 1 h → d2 > 900·1·(x−1)·2 = 360 s
        assertThat(DelayModel.delaySecondsPerVehicle(60, 30, 1080, 1800, 1.0)).isGreaterThan(360);
    }
}
