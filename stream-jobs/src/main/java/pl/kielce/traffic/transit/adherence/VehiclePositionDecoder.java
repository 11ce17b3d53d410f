package pl.kielce.traffic.transit.adherence;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.TransitFeeds;

import java.util.ArrayList;
import java.util.List;

/**
 * GTFS-Realtime VehiclePositions bytes → checked {@link VehicleObservation}s. Never throws: a message that
 * is not protobuf fails as a whole; an entity that lacks what matching needs fails alone, with a reason
 * naming the entity and the field.
 */
public final class VehiclePositionDecoder {
    private VehiclePositionDecoder() {
    }

    /** One entity's outcome; {@code entityBytes} lets a failed entity be dead-lettered alone. */
    public record EntityResult(Decoded<VehicleObservation> observation, byte[] entityBytes) {
    }

    public static Decoded<List<EntityResult>> decode(byte[] bytes) {
        Decoded<FeedMessage> feed = TransitFeeds.decode(bytes);
        if (!feed.isOk()) {
            return Decoded.failed(feed.reason());
        }
        FeedMessage m = feed.value();
        long headerTimestamp = m.getHeader().hasTimestamp() ? m.getHeader().getTimestamp() : 0;
        List<EntityResult> out = new ArrayList<>(m.getEntityCount());
        for (FeedEntity e : m.getEntityList()) {
            if (e.getIsDeleted()) {
                continue;
            }
            out.add(new EntityResult(entity(e, headerTimestamp), e.toByteArray()));
        }
        return Decoded.ok(out);
    }

    static Decoded<VehicleObservation> entity(FeedEntity e, long headerTimestamp) {
        String where = "entity '" + e.getId() + "'";
        if (!e.hasVehicle()) {
            return Decoded.failed(where + ": no vehicle (this topic carries VehiclePositions)");
        }
        VehiclePosition v = e.getVehicle();
        if (!v.hasPosition()) {
            return Decoded.failed(where + ": vehicle.position is missing");
        }
        String vehicleId = v.hasVehicle() && !v.getVehicle().getId().isBlank() ? v.getVehicle().getId()
                : v.hasVehicle() && !v.getVehicle().getLabel().isBlank() ? v.getVehicle().getLabel() : e.getId();
        long ts = v.hasTimestamp() ? v.getTimestamp() : headerTimestamp;
        if (ts <= 0) {
            return Decoded.failed(where + ": vehicle.timestamp and header.timestamp are both missing");
        }
        String tripId = v.hasTrip() ? v.getTrip().getTripId() : null;
        String routeId = v.hasTrip() ? v.getTrip().getRouteId() : null;
        if ((tripId == null || tripId.isBlank()) && (routeId == null || routeId.isBlank())) {
            return Decoded.failed(where + ": vehicle.trip has neither trip_id nor route_id, cannot match a schedule");
        }
        int dir = v.hasTrip() && v.getTrip().hasDirectionId() ? v.getTrip().getDirectionId() : -1;
        String startDate = v.hasTrip() && v.getTrip().hasStartDate() ? v.getTrip().getStartDate() : null;
        try {
            return Decoded.ok(new VehicleObservation(vehicleId, tripId, routeId, dir, startDate,
                    v.getPosition().getLatitude(), v.getPosition().getLongitude(), ts));
        } catch (IllegalArgumentException ex) {
            return Decoded.failed(where + ": " + ex.getMessage());
        }
    }
}
