package pl.kielce.traffic.events;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransitFeedsTest {
    static final Instant NOW = Instant.parse("2026-03-14T08:00:00Z");

    static FeedEntity bus(String id, float lat, float lon) {
        return FeedEntity.newBuilder().setId(id)
                .setVehicle(VehiclePosition.newBuilder()
                        .setTrip(TripDescriptor.newBuilder().setTripId("trip-" + id))
                        .setPosition(Position.newBuilder().setLatitude(lat).setLongitude(lon)))
                .build();
    }

    @Test
    void vehiclePositionsRoundTrip() {
        var feed = TransitFeeds.feed(NOW, List.of(bus("1", 50.87f, 20.63f), bus("2", 50.88f, 20.62f)));
        var back = TransitFeeds.decodeVehiclePositions(TransitFeeds.encode(feed));
        assertThat(back.value()).isEqualTo(feed);
        assertThat(back.value().getHeader().getTimestamp()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void tripUpdatesRoundTrip() {
        var update = FeedEntity.newBuilder().setId("u1").setTripUpdate(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("t1"))).build();
        var feed = TransitFeeds.feed(NOW, List.of(update));
        assertThat(TransitFeeds.decodeTripUpdates(TransitFeeds.encode(feed)).value()).isEqualTo(feed);
        assertThat(TransitFeeds.decodeVehiclePositions(TransitFeeds.encode(feed)).reason())
                .contains("entity 'u1' has no vehicle position");
    }

    @Test
    void rejectsWithReasons() {
        assertThat(TransitFeeds.decode(null).reason()).contains("empty payload");
        assertThat(TransitFeeds.decode(new byte[]{1, 2, 3, 4}).reason()).startsWith("not a GTFS-Realtime FeedMessage");
        assertThat(TransitFeeds.decode("{\"json\":true}".getBytes()).reason()).startsWith("not a GTFS-Realtime FeedMessage");
        var positions = TransitFeeds.encode(TransitFeeds.feed(NOW, List.of(bus("1", 50.8f, 20.6f))));
        assertThat(TransitFeeds.decodeTripUpdates(positions).reason()).contains("entity '1' has no trip update");
        var far = TransitFeeds.encode(TransitFeeds.feed(NOW, List.of(bus("9", 95f, 20f))));
        assertThat(TransitFeeds.decodeVehiclePositions(far).reason()).contains("position out of range");
        var noPos = FeedEntity.newBuilder().setId("3").setVehicle(VehiclePosition.newBuilder()).build();
        assertThat(TransitFeeds.decodeVehiclePositions(TransitFeeds.encode(TransitFeeds.feed(NOW, List.of(noPos)))).reason())
                .contains("vehicle has no position");
    }
}
