package pl.kielce.traffic.transit.adherence;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.TransitFeeds;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.TinyNetwork.ZONE;
import static pl.kielce.traffic.transit.TinyNetwork.at;
import static pl.kielce.traffic.transit.TinyNetwork.feed;
import static pl.kielce.traffic.transit.TinyNetwork.seen;

class TripUpdateFactoryTest {
    @Test
    void tripUpdateCarriesDelayAndAbsoluteTimesPerDownstreamStop() {
        var settings = AdherenceSettings.DEFAULTS;
        TripProgress p = new TripMatcher(feed(), settings).match(seen("bus-1", "T1", null, 20.015, "08:05:00"), null)
                .value();
        var stops = new DelayPredictor(settings).predict(p);

        FeedMessage m = TripUpdateFactory.tripUpdate(p, stops, "bus-1", at("08:05:00"), ZONE);

        // round trip through the topic codec
        FeedMessage back = TransitFeeds.decodeTripUpdates(m.toByteArray()).value();
        assertThat(back.getEntityCount()).isEqualTo(1);
        assertThat(back.getEntity(0).getId()).isEqualTo("T1:20261130");
        TripUpdate tu = back.getEntity(0).getTripUpdate();
        assertThat(tu.getTrip().getTripId()).isEqualTo("T1");
        assertThat(tu.getTrip().getRouteId()).isEqualTo("R1");
        assertThat(tu.getTrip().getStartDate()).isEqualTo("20261130");
        assertThat(tu.getTrip().getStartTime()).isEqualTo("08:00:00");
        assertThat(tu.getVehicle().getId()).isEqualTo("bus-1");
        assertThat(tu.getDelay()).isEqualTo(120);
        // passed A, B (seq 1, 2): the current 120 s (08:00/08:02 + 120 s is before 08:05);
        // next stop C (seq 3): 120 − 0.05 × 60 s left on the run = 117 s; D (seq 4): 117 − 0.05 × 120 = 111 s
        assertThat(tu.getStopTimeUpdateList()).extracting(u -> u.getStopSequence()).containsExactly(1, 2, 3, 4);
        assertThat(tu.getStopTimeUpdate(1).getArrival().getDelay()).isEqualTo(120);
        assertThat(tu.getStopTimeUpdate(2).getStopId()).isEqualTo("C");
        assertThat(tu.getStopTimeUpdate(2).getArrival().getDelay()).isEqualTo(117);
        assertThat(tu.getStopTimeUpdate(2).getArrival().getTime()).isEqualTo(at("08:04:00") + 117);
        assertThat(tu.getStopTimeUpdate(3).getArrival().getDelay()).isEqualTo(111);
        assertThat(tu.getStopTimeUpdate(3).getDeparture().getTime()).isEqualTo(at("08:06:00") + 111);
    }
}
