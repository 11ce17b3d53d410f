package pl.kielce.traffic.transit.adherence;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.transit.TinyNetwork;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class VehiclePositionDecoderTest {
    @Test
    void aGoodPositionBecomesAnObservation() {
        byte[] bytes = TinyNetwork.positionFeed("bus-7", "T1", "R1", 50.0, 20.015, 1_790_000_000L).toByteArray();
        var d = VehiclePositionDecoder.decode(bytes);

        assertThat(d.isOk()).isTrue();
        assertThat(d.value()).hasSize(1);
        VehicleObservation o = d.value().get(0).observation().value();
        assertThat(o.vehicleId()).isEqualTo("bus-7");
        assertThat(o.tripId()).isEqualTo("T1");
        assertThat(o.timestampEpochSeconds()).isEqualTo(1_790_000_000L);
    }

    @Test
    void garbageIsRefusedAsAWhole() {
        var d = VehiclePositionDecoder.decode("{\"not\":\"protobuf\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(d.isOk()).isFalse();
        assertThat(d.reason()).contains("GTFS-Realtime FeedMessage");
        assertThat(VehiclePositionDecoder.decode(new byte[0]).reason()).contains("empty payload");
    }

    @Test
    void aBadEntityFailsAloneNamingTheField() {
        FeedMessage m = FeedMessage.newBuilder()
                .setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(1_790_000_000L))
                .addEntity(FeedEntity.newBuilder().setId("e1").setVehicle(VehiclePosition.newBuilder()))
                .addEntity(TinyNetwork.positionFeed("bus-7", null, null, 50.0, 20.015, 1_790_000_000L).getEntity(0))
                .addEntity(TinyNetwork.positionFeed("bus-8", "T1", null, 0, 0, 1_790_000_000L).getEntity(0))
                .addEntity(TinyNetwork.positionFeed("bus-9", "T1", null, 50.0, 20.015, 1_790_000_000L).getEntity(0))
                .build();
        var d = VehiclePositionDecoder.decode(m.toByteArray());

        assertThat(d.isOk()).isTrue();
        assertThat(d.value()).hasSize(4);
        assertThat(d.value().get(0).observation().reason()).isEqualTo("entity 'e1': vehicle.position is missing");
        assertThat(d.value().get(1).observation().reason()).contains("neither trip_id nor route_id");
        assertThat(d.value().get(2).observation().reason()).contains("0,0");
        assertThat(d.value().get(3).observation().isOk()).isTrue();
    }
}
