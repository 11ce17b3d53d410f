package pl.kielce.traffic.transit.simulation;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.transit.TinyNetwork;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.adherence.TripMatcher;
import pl.kielce.traffic.transit.adherence.TripProgress;
import pl.kielce.traffic.transit.adherence.VehicleObservation;
import pl.kielce.traffic.transit.adherence.VehiclePositionDecoder;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsReader;
import pl.kielce.traffic.transit.TransitTestData;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static pl.kielce.traffic.transit.TinyNetwork.MONDAY;
import static pl.kielce.traffic.transit.TinyNetwork.sec;

class FleetSimulatorTest {
    private final GtfsFeed tiny = TinyNetwork.feed();

    @Test
    void aPunctualFleetIsWhereTheTimetableSays() {
        var fleet = new FleetSimulator(tiny, MONDAY, sec("08:00"), sec("08:20"), Set.of("R1"), 0, DelayModel.PUNCTUAL, 1, true);
        assertThat(fleet.trips()).extracting(t -> t.trip().id()).containsExactly("T1", "T2");

        // 08:03:00: T1 halfway B→C (lon 20.015), on time; T2 waits at A (layover, departs 08:10)
        var reports = fleet.positionsAt(sec("08:03"));
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).fix().lonDegrees()).isCloseTo(20.015, within(1e-9));
        assertThat(reports.get(0).fix().trueDelaySeconds()).isZero();
        assertThat(fleet.positionsAt(sec("08:09:30"))).extracting(r -> r.trip().trip().id()).containsExactly("T2");
    }

    @Test
    void anIncidentDelaysTheRestOfTheTrip() {
        // no noise, no recovery, an incident of exactly 300 s on every trip: arrives 300 s late at D
        var model = new DelayModel(0, 0, 0, 0, 1.0, 300, 300, 20);
        var fleet = new FleetSimulator(tiny, MONDAY, sec("08:00"), sec("08:20"), Set.of("R1"), 0, model, 7, true);
        for (SimulatedTrip t : fleet.trips()) {
            assertThat(t.incidentSegment()).isBetween(0, 2);
            assertThat(t.actualArrivalSeconds(3) - t.trip().arrivalSeconds(3)).isEqualTo(300);
        }
    }

    @Test
    void theSameSeedGivesTheSameFleet() {
        var a = new FleetSimulator(tiny, MONDAY, 0, 86_400, Set.of(), 0, DelayModel.URBAN, 5, true);
        var b = new FleetSimulator(tiny, MONDAY, 0, 86_400, Set.of(), 0, DelayModel.URBAN, 5, true);
        for (int i = 0; i < a.trips().size(); i++) {
            assertThat(a.trips().get(i).actualArrivalSeconds(2)).isEqualTo(b.trips().get(i).actualArrivalSeconds(2));
        }
        // nobody leaves the first stop early
        assertThat(a.trips()).allSatisfy(t -> assertThat(t.actualDepartureSeconds(0))
                .isGreaterThanOrEqualTo(t.trip().departureSeconds(0)));
    }

    /**
     * The simulator's truth against the matcher on the real RNV timetable: simulate 30 min of the morning
     * peak, decode every report as the job does, match it, and compare the delay with the true one.
     */
    @Test
    void theMatcherRecoversTheSimulatedDelaysOnRnv() {
        GtfsFeed rnv = GtfsReader.read(TransitTestData.rnvGtfs());
        LocalDate date = FleetSimulator.busiestDate(rnv, 14);
        var fleet = new FleetSimulator(rnv, date, sec("07:30"), sec("08:00"), Set.of(), 0, DelayModel.URBAN, 42, true);
        var noTripIds = new FleetSimulator(rnv, date, sec("07:30"), sec("08:00"), Set.of(), 0, DelayModel.URBAN, 42, false);
        TripMatcher matcher = new TripMatcher(rnv, AdherenceSettings.DEFAULTS);

        int reports = 0;
        int within30s = 0;
        int rightTripWithoutId = 0;
        List<Double> errors = new ArrayList<>();
        for (int s = sec("07:40"); s <= sec("08:00"); s += 120) {
            var withIds = fleet.positionsAt(s);
            var withoutIds = noTripIds.positionsAt(s);
            for (int i = 0; i < withIds.size(); i++) {
                var r = withIds.get(i);
                Decoded<TripProgress> m = matcher.match(observation(r), null);
                reports++;
                if (m.isOk()) {
                    double err = Math.abs(m.value().delaySeconds() - r.fix().trueDelaySeconds());
                    errors.add(err);
                    if (err <= 30) {
                        within30s++;
                    }
                }
                Decoded<TripProgress> byRoute = matcher.match(observation(withoutIds.get(i)), null);
                if (byRoute.isOk() && byRoute.value().trip().id().equals(r.trip().trip().id())) {
                    rightTripWithoutId++;
                }
            }
        }
        errors.sort(Double::compare);
        System.out.printf("RNV %s: %d reports; trip id given: %d within 30 s of the true delay (median error %.1f s); "
                        + "route only: right trip for %d%n", date, reports, within30s, errors.get(errors.size() / 2),
                rightTripWithoutId);
        assertThat(reports).isGreaterThan(1000);
        assertThat(within30s).isGreaterThan(reports * 95 / 100);
        assertThat(rightTripWithoutId).isGreaterThan(reports * 80 / 100);
    }

    private static VehicleObservation observation(FleetSimulator.Report r) {
        return VehiclePositionDecoder.decode(com.google.transit.realtime.GtfsRealtime.FeedMessage.newBuilder()
                        .setHeader(com.google.transit.realtime.GtfsRealtime.FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0"))
                        .addEntity(r.entity()).build().toByteArray())
                .value().get(0).observation().value();
    }
}
