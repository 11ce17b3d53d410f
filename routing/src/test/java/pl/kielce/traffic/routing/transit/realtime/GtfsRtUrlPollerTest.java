package pl.kielce.traffic.routing.transit.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.sun.net.httpserver.HttpServer;

import pl.kielce.traffic.events.TransitFeeds;

/** The GTFS-RT URL source against a real local HTTP server: good feeds are handed on, bad answers are skipped. */
class GtfsRtUrlPollerTest {

    @Test
    void feedFromUrlIsHandedToTheWriterAndGarbageIsSkipped() throws Exception {
        FeedMessage feed = TransitFeeds.feed(Instant.parse("2016-11-15T07:00:00Z"), List.of(FeedEntity.newBuilder().setId("e")
                .setTripUpdate(TripUpdate.newBuilder().setTrip(TripDescriptor.newBuilder().setTripId("T1"))).build()));
        byte[][] body = {TransitFeeds.encode(feed)};
        int[] status = {200};
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/trip-updates", ex -> {
            ex.sendResponseHeaders(status[0], body[0].length);
            ex.getResponseBody().write(body[0]);
            ex.close();
        });
        server.start();
        List<FeedMessage> received = new CopyOnWriteArrayList<>();
        try (GtfsRtUrlPoller poller = new GtfsRtUrlPoller(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/trip-updates"), received::add)) {
            poller.pollOnce();
            assertThat(received).containsExactly(feed);

            body[0] = "not protobuf at all".getBytes();
            poller.pollOnce();
            status[0] = 503;
            poller.pollOnce();
            assertThat(received).hasSize(1);
        } finally {
            server.stop(0);
        }
    }
}
