package pl.kielce.traffic.routing.transit.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;

import pl.kielce.traffic.routing.TinyFeed;
import pl.kielce.traffic.routing.transit.gtfs.GtfsReader;
import pl.kielce.traffic.routing.transit.model.Timetable;
import pl.kielce.traffic.routing.transit.realtime.RealtimeUpdater;
import pl.kielce.traffic.routing.transit.realtime.TripUpdateApplier;

class ConnectionScanRouterTest {
    static final LocalDate DAY = LocalDate.of(2016, 11, 15);
    static final double LAT = 49.0;

    @TempDir
    Path dir;
    TransitNetwork network;
    ConnectionScanRouter router;
    Timetable tt;

    @BeforeEach
    void load() throws Exception {
        tt = GtfsReader.read(TinyFeed.write(dir));
        network = new TransitNetwork(tt, WalkSettings.DEFAULTS);
        router = new ConnectionScanRouter(network, false);
    }

    JourneyQuery departAt(String hhmm, boolean wheelchair) {
        return new JourneyQuery(LAT, 8.000, LAT, 8.040, DAY, LocalTime.parse(hhmm).toSecondOfDay(), false, 6, 1000, wheelchair, 3);
    }

    static int hm(String hhmm) {
        return LocalTime.parse(hhmm).toSecondOfDay();
    }

    @Test
    void earliestArrivalUsesZeroMinuteChangeBetweenPlatformsOfOneStation() {
        List<Journey> js = router.route(departAt("07:55", false));
        Journey best = js.get(0);
        // A 08:00 -> B 08:10, change to B2 (20 m, same name: 0 s), 08:10 -> C 08:20
        assertThat(best.arrivalSeconds()).isEqualTo(hm("08:20"));
        assertThat(best.transfers()).isEqualTo(1);
    }

    @Test
    void alternativeWithFewerTransfersArrivesLater() {
        List<Journey> js = router.route(departAt("07:55", false));
        assertThat(js).hasSize(2);
        assertThat(js.get(1).transfers()).isZero();
        assertThat(js.get(1).arrivalSeconds()).isEqualTo(hm("08:40"));
    }

    @Test
    void departureExactlyAtQueryTimeIsCaught() {
        // the origin is at stop A: no walking second is lost
        assertThat(router.route(departAt("08:00", false)).get(0).arrivalSeconds()).isEqualTo(hm("08:20"));
    }

    @Test
    void aFewMetresFromTheStopStillCatchTheDepartureAtTheQueryTime() {
        // 5 m west of A (8.000 - 0.00007 deg lon at 49 deg N): a 5-second walk would miss T1 at 08:00:00
        JourneyQuery q = new JourneyQuery(LAT, 7.99993, LAT, 8.040, DAY, hm("08:00"), false, 6, 1000, false, 1);
        assertThat(router.route(q).get(0).arrivalSeconds()).isEqualTo(hm("08:20"));
    }

    @Test
    void wheelchairAvoidsStopWithoutBoarding() {
        // B2 has wheelchair_boarding=2: only the direct trip remains
        Journey best = router.route(departAt("07:55", true)).get(0);
        assertThat(best.arrivalSeconds()).isEqualTo(hm("08:40"));
        assertThat(best.transfers()).isZero();
    }

    @Test
    void arriveByGivesLatestDeparture() {
        JourneyQuery q = new JourneyQuery(LAT, 8.000, LAT, 8.040, DAY, hm("08:30"), true, 6, 1000, false, 1);
        Journey best = router.route(q).get(0);
        assertThat(best.departureSeconds()).isEqualTo(hm("08:00"));
        assertThat(best.arrivalSeconds()).isEqualTo(hm("08:20"));
    }

    @Test
    void noServiceOutsideTheCalendarWithinTheSearchWindow() {
        JourneyQuery q = new JourneyQuery(LAT, 8.000, LAT, 8.040, LocalDate.of(2017, 3, 1), hm("08:00"), false, 6, 100, false, 1);
        assertThat(router.route(q)).isEmpty();
    }

    @Test
    void delayedFeederMakesTheChangeImpossible() throws Exception {
        RealtimeUpdater updater = new RealtimeUpdater(network, new TripUpdateApplier(tt, Clock.systemUTC()));
        updater.submit(feed(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("T1").setStartDate("20161115"))
                .addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(1)
                        .setDeparture(TripUpdate.StopTimeEvent.newBuilder().setDelay(120)))
                .build())).get();
        Journey best = router.route(departAt("07:55", false)).get(0);
        // T1 now reaches B at 08:12, T2 left B2 at 08:10: only the direct trip is left
        assertThat(best.arrivalSeconds()).isEqualTo(hm("08:40"));
        // another day is not affected
        JourneyQuery nextDay = new JourneyQuery(LAT, 8.000, LAT, 8.040, DAY.plusDays(1), hm("07:55"), false, 6, 1000, false, 1);
        assertThat(router.route(nextDay).get(0).arrivalSeconds()).isEqualTo(hm("08:20"));
        updater.close();
    }

    @Test
    void cancelledTripIsNotUsedAndDelayIsReported() throws Exception {
        RealtimeUpdater updater = new RealtimeUpdater(network, new TripUpdateApplier(tt, Clock.systemUTC()));
        updater.submit(feed(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("T2").setStartDate("20161115")
                        .setScheduleRelationship(TripDescriptor.ScheduleRelationship.CANCELED)).build())).get();
        assertThat(router.route(departAt("07:55", false)).get(0).arrivalSeconds()).isEqualTo(hm("08:40"));

        updater.submit(feed(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("T3").setStartDate("20161115"))
                .addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(1)
                        .setDeparture(TripUpdate.StopTimeEvent.newBuilder().setDelay(300)))
                .build())).get();
        Journey best = router.route(departAt("07:55", false)).get(0);
        assertThat(best.arrivalSeconds()).isEqualTo(hm("08:45"));
        JourneyLeg.Ride ride = (JourneyLeg.Ride) best.legs().stream().filter(l -> l instanceof JourneyLeg.Ride).findFirst().orElseThrow();
        assertThat(ride.departureDelaySeconds()).isEqualTo(300);
        assertThat(ride.arrivalDelaySeconds()).isEqualTo(300);
        updater.close();
    }

    @Test
    void skippedStopCannotBeUsedToAlight() throws Exception {
        RealtimeUpdater updater = new RealtimeUpdater(network, new TripUpdateApplier(tt, Clock.systemUTC()));
        updater.submit(feed(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("T2").setStartDate("20161115"))
                .addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(2)
                        .setScheduleRelationship(TripUpdate.StopTimeUpdate.ScheduleRelationship.SKIPPED))
                .build())).get();
        assertThat(router.route(departAt("07:55", false)).get(0).arrivalSeconds()).isEqualTo(hm("08:40"));
        updater.close();
    }

    static FeedMessage feed(TripUpdate tu) {
        return FeedMessage.newBuilder()
                .setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setIncrementality(FeedHeader.Incrementality.DIFFERENTIAL))
                .addEntity(FeedEntity.newBuilder().setId("e1").setTripUpdate(tu)).build();
    }
}
