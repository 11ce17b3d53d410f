package pl.kielce.traffic.transit.adherence;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.transit.schedule.GtfsFeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static pl.kielce.traffic.transit.TinyNetwork.LAT;
import static pl.kielce.traffic.transit.TinyNetwork.LON_B;
import static pl.kielce.traffic.transit.TinyNetwork.MONDAY;
import static pl.kielce.traffic.transit.TinyNetwork.at;
import static pl.kielce.traffic.transit.TinyNetwork.feed;
import static pl.kielce.traffic.transit.TinyNetwork.seen;

class TripMatcherTest {
    private final GtfsFeed feed = feed();
    private final TripMatcher matcher = new TripMatcher(feed, AdherenceSettings.DEFAULTS);

    @Test
    void tripIdAndPositionGiveSegmentFractionAndDelay() {
        // halfway B→C (lon 20.015); scheduled there at 08:02 + 0.5 × 120 s = 08:03:00; seen 08:05:00 → +120 s
        Decoded<TripProgress> m = matcher.match(seen("bus-1", "T1", null, 20.015, "08:05:00"), null);

        assertThat(m.isOk()).as(m.toString()).isTrue();
        TripProgress p = m.value();
        assertThat(p.trip().id()).isEqualTo("T1");
        assertThat(p.serviceDate()).isEqualTo(MONDAY);
        assertThat(p.segmentIndex()).isEqualTo(1);
        assertThat(p.fractionAlongSegment()).isCloseTo(0.5, within(0.001));
        assertThat(p.atStopIndex()).isEqualTo(-1);
        assertThat(p.delaySeconds()).isEqualTo(120);
        assertThat(p.offRouteMeters()).isLessThan(1);
    }

    @Test
    void standingAtAStopBeforeItsArrivalIsEarly() {
        // at B (scheduled 08:02:00) at 08:01:30 → 30 s early
        TripProgress p = matcher.match(seen("bus-1", "T1", null, LON_B, "08:01:30"), null).value();

        assertThat(p.atStopIndex()).isEqualTo(1);
        assertThat(p.segmentIndex()).isEqualTo(1);
        assertThat(p.delaySeconds()).isEqualTo(-30);
    }

    @Test
    void withoutTripIdTheRouteTripClosestInTimeIsChosen() {
        // halfway B→C at 08:13:30: T1 would be +630 s (scheduled 08:03), T2 +30 s (scheduled 08:13) → T2
        TripProgress p = matcher.match(seen("bus-2", null, "R1", 20.015, "08:13:30"), null).value();

        assertThat(p.trip().id()).isEqualTo("T2");
        assertThat(p.delaySeconds()).isEqualTo(30);
    }

    @Test
    void previousMatchOfTheVehicleWinsWithinTheStickinessBonus() {
        // 08:08:30 halfway B→C: T1 +330 s, T2 −270 s (within maxEarly 600) – T2 alone would win (270 < 330),
        // but the vehicle was on T1 and 330 − 120 (bonus) = 210 < 270
        var obs = seen("bus-1", null, "R1", 20.015, "08:08:30");
        assertThat(matcher.match(obs, null).value().trip().id()).isEqualTo("T2");
        assertThat(matcher.match(obs, new TripMatcher.PreviousMatch("T1", MONDAY, 1)).value().trip().id())
                .isEqualTo("T1");
    }

    @Test
    void aLoopIsDisambiguatedByTime() {
        // LOOP passes lon 20.005 twice: A→B (scheduled 09:01) and B→A (scheduled 09:07). Seen at 09:07 → the return leg
        TripProgress p = matcher.match(seen("bus-9", "LOOP", null, 20.005, "09:07:00"), null).value();

        assertThat(p.segmentIndex()).isEqualTo(3);
        assertThat(p.delaySeconds()).isEqualTo(0);
    }

    @Test
    void aPositionFarFromTheTripIsRefusedWithAReason() {
        // 0.01° of latitude north of the line ≈ 1113 m > 200 m limit
        var obs = new VehicleObservation("bus-1", "T1", null, -1, null, LAT + 0.01, 20.015, at("08:05:00"));
        Decoded<TripProgress> m = matcher.match(obs, null);

        assertThat(m.isOk()).isFalse();
        assertThat(m.reason()).contains("does not fit trip 'T1'").contains("1113 m");
    }

    @Test
    void unknownTripAndNonServiceDayAreRefused() {
        assertThat(matcher.match(seen("bus-1", "NOPE", null, 20.015, "08:05:00"), null).reason())
                .contains("trip_id 'NOPE' is not in the schedule");
        var sunday = new VehicleObservation("bus-1", "T1", null, -1, "20261129", LAT, 20.015, at("08:05:00"));
        assertThat(matcher.match(sunday, null).reason()).contains("does not run on 2026-11-29");
    }

    @Test
    void aVehicleDoesNotJumpBackBehindTheStopItHasReached() {
        // LOOP at lon 20.015 only lies on B→C (segment 1) and C→B (segment 2); once stop 2 (C) was reached,
        // segment 1 is no longer allowed even though 09:03:30 is closer to its schedule (09:03)
        TripProgress p = matcher.match(seen("bus-9", "LOOP", null, 20.015, "09:03:30"),
                new TripMatcher.PreviousMatch("LOOP", MONDAY, 2)).value();
        assertThat(p.segmentIndex()).isEqualTo(2);
        // C→B scheduled at 09:04 + 0.5 × 120 = 09:05:00 → −90 s
        assertThat(p.delaySeconds()).isEqualTo(-90);
    }
}
