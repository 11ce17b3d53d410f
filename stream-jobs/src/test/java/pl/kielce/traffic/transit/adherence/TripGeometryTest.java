package pl.kielce.traffic.transit.adherence;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.Route;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;
import pl.kielce.traffic.transit.schedule.ServiceCalendar;
import pl.kielce.traffic.transit.schedule.Stop;

import java.time.DayOfWeek;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static pl.kielce.traffic.transit.TinyNetwork.ZONE;
import static pl.kielce.traffic.transit.TinyNetwork.at;
import static pl.kielce.traffic.transit.TinyNetwork.sec;

/**
 * A road that bends: stops A (50.000, 20.000) and B (50.000, 20.010); the shape "V" goes up to the apex
 * (50.004, 20.005) and down again. Each leg: 0.005° lon × 71 555 m = 357.8 m east, 0.004° × 111 320 m =
 * 445.3 m north → 571.2 m; the apex lies half way along the shape but 445 m off the straight chord A–B.
 * Trip TS: A 08:00, B 08:02 (120 s), shape V; trip TX: same stops, shape "FAR" that misses B by ~1.1 km.
 */
class TripGeometryTest {
    private static GtfsFeed feed() {
        GtfsFeed.Builder b = GtfsFeed.builder(ZONE)
                .stop(new Stop("A", "Alpha", 50.0, 20.000))
                .stop(new Stop("B", "Bravo", 50.0, 20.010))
                .route(new Route("RS", "S", "Bend", 3))
                .shape(new GtfsFeed.Shape("V", new double[]{50.0, 50.004, 50.0}, new double[]{20.000, 20.005, 20.010}))
                .shape(new GtfsFeed.Shape("FAR", new double[]{50.0, 50.01}, new double[]{20.000, 20.000}))
                .calendar(ServiceCalendar.builder().weekly("WK", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 31),
                        DayOfWeek.MONDAY).build());
        Stop[] stops = {b.stopOrThrow("A"), b.stopOrThrow("B")};
        b.trip(new ScheduledTrip("TS", "RS", "WK", 0, "", "V", stops, new int[]{1, 2},
                new int[]{sec("08:00"), sec("08:02")}, new int[]{sec("08:00"), sec("08:02")}));
        b.trip(new ScheduledTrip("TX", "RS", "WK", 0, "", "FAR", stops, new int[]{1, 2},
                new int[]{sec("08:00"), sec("08:02")}, new int[]{sec("08:00"), sec("08:02")}));
        return b.build();
    }

    private final GtfsFeed feed = feed();
    private final TripMatcher matcher = new TripMatcher(feed, AdherenceSettings.DEFAULTS);

    @Test
    void aBusOnTheBendIsMatchedAlongTheShape() {
        // at the apex at 08:01:30: half way along the shape → scheduled 08:01:00 → 30 s late, on the path
        Decoded<TripProgress> m = matcher.match(new VehicleObservation("bus", "TS", null, -1, null, 50.004, 20.005,
                at("08:01:30")), null);
        assertThat(m.isOk()).as(m.toString()).isTrue();
        assertThat(m.value().fractionAlongSegment()).isCloseTo(0.5, within(1e-6));
        assertThat(m.value().offRouteMeters()).isLessThan(0.01);
        assertThat(m.value().delaySeconds()).isEqualTo(30);

        // half way up the first leg (50.002, 20.0025): 285.6 m of 1142.4 m = 0.25 → scheduled 08:00:30 → on time
        TripProgress q = matcher.match(new VehicleObservation("bus", "TS", null, -1, null, 50.002, 20.0025,
                at("08:00:30")), null).value();
        assertThat(q.fractionAlongSegment()).isCloseTo(0.25, within(1e-6));
        assertThat(q.delaySeconds()).isZero();
    }

    @Test
    void aShapeThatMissesAStopIsIgnoredAndTheStraightLineUsed() {
        ScheduledTrip tx = feed.trip("TX").orElseThrow();
        assertThat(TripGeometry.of(tx, feed).followsShape()).isFalse();
        assertThat(TripGeometry.of(feed.trip("TS").orElseThrow(), feed).followsShape()).isTrue();
        // the apex is 445 m off the chord A–B: more than the 200 m limit, so TX does not match there
        assertThat(matcher.match(new VehicleObservation("bus", "TX", null, -1, null, 50.004, 20.005, at("08:01:30")),
                null).isOk()).isFalse();
    }

    @Test
    void pointAtWalksTheShape() {
        TripGeometry g = TripGeometry.of(feed.trip("TS").orElseThrow(), feed);
        assertThat(g.pointAt(0, 0.5)).containsExactly(new double[]{50.004, 20.005}, within(1e-9));
        assertThat(g.pointAt(0, 0.75)).containsExactly(new double[]{50.002, 20.0075}, within(1e-9));
        assertThat(g.pointAt(0, 1.0)).containsExactly(new double[]{50.0, 20.010}, within(1e-9));
    }
}
