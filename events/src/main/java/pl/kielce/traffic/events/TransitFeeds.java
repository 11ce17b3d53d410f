package pl.kielce.traffic.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;

import java.time.Instant;
import java.util.List;

/**
 * Codec helpers for the transit topics ({@link Topics#TRANSIT_VEHICLE_POSITIONS},
 * {@link Topics#TRANSIT_TRIP_UPDATES}): their values are GTFS-Realtime {@code FeedMessage} protobuf bytes,
 * not JSON. Decoding never throws.
 */
public final class TransitFeeds {
    /** GTFS-Realtime version written in headers. */
    public static final String GTFS_RT_VERSION = "2.0";

    private TransitFeeds() {
    }

    /** A full-dataset feed with the given entities, stamped {@code timestamp}. */
    public static FeedMessage feed(Instant timestamp, List<FeedEntity> entities) {
        return FeedMessage.newBuilder()
                .setHeader(FeedHeader.newBuilder()
                        .setGtfsRealtimeVersion(GTFS_RT_VERSION)
                        .setIncrementality(FeedHeader.Incrementality.FULL_DATASET)
                        .setTimestamp(timestamp.getEpochSecond()))
                .addAllEntity(entities)
                .build();
    }

    public static byte[] encode(FeedMessage feed) {
        return feed.toByteArray();
    }

    /** Any FeedMessage (header required by the protobuf schema). */
    public static Decoded<FeedMessage> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Decoded.failed("empty payload, expected a GTFS-Realtime FeedMessage");
        }
        try {
            return Decoded.ok(FeedMessage.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            return Decoded.failed("not a GTFS-Realtime FeedMessage: " + e.getMessage());
        } catch (RuntimeException e) {
            return Decoded.failed("cannot decode GTFS-Realtime FeedMessage: " + e);
        }
    }

    /** A feed for {@link Topics#TRANSIT_VEHICLE_POSITIONS}: every entity has a vehicle with a position. */
    public static Decoded<FeedMessage> decodeVehiclePositions(byte[] bytes) {
        Decoded<FeedMessage> feed = decode(bytes);
        if (!feed.isOk()) {
            return feed;
        }
        for (FeedEntity e : feed.value().getEntityList()) {
            if (e.getIsDeleted()) {
                continue;
            }
            if (!e.hasVehicle()) {
                return Decoded.failed("entity '" + e.getId() + "' has no vehicle position");
            }
            if (!e.getVehicle().hasPosition()) {
                return Decoded.failed("entity '" + e.getId() + "' vehicle has no position");
            }
            float lat = e.getVehicle().getPosition().getLatitude();
            float lon = e.getVehicle().getPosition().getLongitude();
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                return Decoded.failed("entity '" + e.getId() + "' position out of range: " + lat + "," + lon);
            }
        }
        return feed;
    }

    /** A feed for {@link Topics#TRANSIT_TRIP_UPDATES}: every entity has a trip update with a trip. */
    public static Decoded<FeedMessage> decodeTripUpdates(byte[] bytes) {
        Decoded<FeedMessage> feed = decode(bytes);
        if (!feed.isOk()) {
            return feed;
        }
        for (FeedEntity e : feed.value().getEntityList()) {
            if (e.getIsDeleted()) {
                continue;
            }
            if (!e.hasTripUpdate()) {
                return Decoded.failed("entity '" + e.getId() + "' has no trip update");
            }
        }
        return feed;
    }
}
