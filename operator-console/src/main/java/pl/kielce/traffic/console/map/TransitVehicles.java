package pl.kielce.traffic.console.map;

import com.google.transit.realtime.GtfsRealtime;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latest position of each transit vehicle (GTFS-Realtime VehiclePositions from {@code transit.vehicle-positions})
 * with the trip's delay (TripUpdates from {@code transit.trip-updates}). In memory; positions older than
 * 10 minutes are dropped.
 */
@Component
public class TransitVehicles {
    static final Duration STALE = Duration.ofMinutes(10);
    private final Map<String, Vehicle> vehicles = new ConcurrentHashMap<>();
    private final Map<String, Integer> delayByTrip = new ConcurrentHashMap<>();
    private final Clock clock;

    TransitVehicles(Clock clock) {
        this.clock = clock;
    }

    /** A vehicle on the map. */
    public record Vehicle(String vehicleId, String routeId, String tripId, double lat, double lon, Instant at,
                          Integer delaySeconds) {
    }

    /** Reads a FeedMessage of positions; returns why it was refused, or empty. */
    public Optional<String> positions(byte[] bytes) {
        try {
            GtfsRealtime.FeedMessage feed = GtfsRealtime.FeedMessage.parseFrom(bytes);
            for (GtfsRealtime.FeedEntity e : feed.getEntityList()) {
                if (!e.hasVehicle() || !e.getVehicle().hasPosition()) {
                    continue;
                }
                GtfsRealtime.VehiclePosition v = e.getVehicle();
                String id = v.hasVehicle() && v.getVehicle().hasId() ? v.getVehicle().getId() : e.getId();
                String trip = v.hasTrip() ? v.getTrip().getTripId() : null;
                Instant at = v.hasTimestamp() ? Instant.ofEpochSecond(v.getTimestamp()) : clock.instant();
                vehicles.put(id, new Vehicle(id, v.hasTrip() ? v.getTrip().getRouteId() : null, trip,
                        v.getPosition().getLatitude(), v.getPosition().getLongitude(), at, null));
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("not a GTFS-Realtime FeedMessage: " + e.getMessage());
        }
    }

    /** Reads a FeedMessage of trip updates (delay per trip); returns why it was refused, or empty. */
    public Optional<String> tripUpdates(byte[] bytes) {
        try {
            GtfsRealtime.FeedMessage feed = GtfsRealtime.FeedMessage.parseFrom(bytes);
            for (GtfsRealtime.FeedEntity e : feed.getEntityList()) {
                if (!e.hasTripUpdate()) {
                    continue;
                }
                GtfsRealtime.TripUpdate u = e.getTripUpdate();
                Integer delay = u.hasDelay() ? Integer.valueOf(u.getDelay()) : u.getStopTimeUpdateList().stream()
                        .filter(s -> s.hasArrival() && s.getArrival().hasDelay()).map(s -> s.getArrival().getDelay())
                        .findFirst().orElse(null);
                if (delay != null && u.getTrip().hasTripId()) {
                    delayByTrip.put(u.getTrip().getTripId(), delay);
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("not a GTFS-Realtime FeedMessage: " + e.getMessage());
        }
    }

    public List<Vehicle> current() {
        Instant cutoff = clock.instant().minus(STALE);
        vehicles.values().removeIf(v -> v.at().isBefore(cutoff));
        return vehicles.values().stream()
                .map(v -> new Vehicle(v.vehicleId(), v.routeId(), v.tripId(), v.lat(), v.lon(), v.at(),
                        v.tripId() == null ? null : delayByTrip.get(v.tripId())))
                .sorted(Comparator.comparing(Vehicle::vehicleId)).toList();
    }
}
