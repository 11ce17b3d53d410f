package pl.kielce.traffic.transit.schedule;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded GTFS timetable: stops, routes, trips with stop times, the service calendar and (when
 * present) shapes. Immutable once built; safe to share between threads.
 */
public final class GtfsFeed {
    /** A shape polyline, WGS84 degrees. */
    public record Shape(String id, double[] latDegrees, double[] lonDegrees) {
        public Shape {
            if (latDegrees.length != lonDegrees.length || latDegrees.length < 2) {
                throw new IllegalArgumentException("shape " + id + " needs at least 2 points");
            }
            latDegrees = latDegrees.clone();
            lonDegrees = lonDegrees.clone();
        }
    }

    private final ZoneId zone;
    private final Map<String, Stop> stops;
    private final Map<String, Route> routes;
    private final Map<String, ScheduledTrip> trips;
    private final Map<String, List<ScheduledTrip>> tripsByRoute;
    private final ServiceCalendar calendar;
    private final Map<String, Shape> shapes;

    private GtfsFeed(ZoneId zone, Map<String, Stop> stops, Map<String, Route> routes, Collection<ScheduledTrip> trips,
                     ServiceCalendar calendar, Map<String, Shape> shapes) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.stops = Map.copyOf(stops);
        this.routes = Map.copyOf(routes);
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.shapes = Map.copyOf(shapes);
        Map<String, ScheduledTrip> byId = new HashMap<>();
        Map<String, List<ScheduledTrip>> byRoute = new HashMap<>();
        for (ScheduledTrip t : trips) {
            if (byId.put(t.id(), t) != null) {
                throw new IllegalArgumentException("trip_id " + t.id() + " appears twice");
            }
            byRoute.computeIfAbsent(t.routeId(), r -> new ArrayList<>()).add(t);
        }
        this.trips = Map.copyOf(byId);
        Map<String, List<ScheduledTrip>> frozen = new HashMap<>();
        byRoute.forEach((k, v) -> {
            v.sort((a, b) -> Integer.compare(a.firstDepartureSeconds(), b.firstDepartureSeconds()));
            frozen.put(k, List.copyOf(v));
        });
        this.tripsByRoute = Map.copyOf(frozen);
    }

    /** The agency time zone, in which GTFS times are read. */
    public ZoneId zone() {
        return zone;
    }

    public Optional<Stop> stop(String id) {
        return Optional.ofNullable(stops.get(id));
    }

    public Optional<Route> route(String id) {
        return Optional.ofNullable(routes.get(id));
    }

    public Optional<ScheduledTrip> trip(String id) {
        return Optional.ofNullable(trips.get(id));
    }

    public Optional<Shape> shape(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(shapes.get(id));
    }

    /** Trips of a route, sorted by first departure. */
    public List<ScheduledTrip> tripsOfRoute(String routeId) {
        return tripsByRoute.getOrDefault(routeId, List.of());
    }

    public Collection<ScheduledTrip> trips() {
        return trips.values();
    }

    public int stopCount() {
        return stops.size();
    }

    public int routeCount() {
        return routes.size();
    }

    public int tripCount() {
        return trips.size();
    }

    public int shapeCount() {
        return shapes.size();
    }

    public ServiceCalendar calendar() {
        return calendar;
    }

    public boolean runsOn(ScheduledTrip trip, LocalDate serviceDate) {
        return calendar.isActive(trip.serviceId(), serviceDate);
    }

    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /** Builds a feed in code (tests) or from a reader. */
    public static final class Builder {
        private final ZoneId zone;
        private final Map<String, Stop> stops = new HashMap<>();
        private final Map<String, Route> routes = new HashMap<>();
        private final List<ScheduledTrip> trips = new ArrayList<>();
        private final Map<String, Shape> shapes = new HashMap<>();
        private ServiceCalendar calendar = ServiceCalendar.builder().build();

        private Builder(ZoneId zone) {
            this.zone = zone;
        }

        public Builder stop(Stop stop) {
            stops.put(stop.id(), stop);
            return this;
        }

        public Stop stopOrThrow(String id) {
            Stop s = stops.get(id);
            if (s == null) {
                throw new IllegalArgumentException("unknown stop_id " + id);
            }
            return s;
        }

        /** The stop with this id, or null. */
        public Stop stopOrNull(String id) {
            return stops.get(id);
        }

        public Builder route(Route route) {
            routes.put(route.id(), route);
            return this;
        }

        public Builder trip(ScheduledTrip trip) {
            trips.add(trip);
            return this;
        }

        public Builder shape(Shape shape) {
            shapes.put(shape.id(), shape);
            return this;
        }

        public Builder calendar(ServiceCalendar calendar) {
            this.calendar = calendar;
            return this;
        }

        /**
         * Adds a trip from a compact description: stop ids with "HH:MM:SS" arrival=departure times,
         * stop_sequence 1..n. For tests and examples.
         */
        public Builder trip(String tripId, String routeId, String serviceId, int directionId, String... stopIdAndTime) {
            int n = stopIdAndTime.length / 2;
            Stop[] s = new Stop[n];
            int[] seq = new int[n];
            int[] arr = new int[n];
            int[] dep = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = stopOrThrow(stopIdAndTime[2 * i]);
                seq[i] = i + 1;
                arr[i] = dep[i] = GtfsTime.parseSeconds(stopIdAndTime[2 * i + 1]);
            }
            return trip(new ScheduledTrip(tripId, routeId, serviceId, directionId, "", null, s, seq, arr, dep));
        }

        public GtfsFeed build() {
            return new GtfsFeed(zone, stops, routes, trips, calendar, shapes);
        }
    }
}
