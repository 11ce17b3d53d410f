package pl.kielce.traffic.transit.simulation;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import pl.kielce.traffic.events.TransitFeeds;
import pl.kielce.traffic.transit.adherence.TripGeometry;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsTime;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A fleet driven by a GTFS timetable: every trip running on a service date within a time window, each
 * with its own drawn delays ({@link SimulatedTrip}), reporting GTFS-Realtime VehiclePositions.
 * Deterministic for a given seed. Vehicle id = {@code veh-<trip_id>} (feeds without blocks give no vehicle
 * rotation).
 */
public final class FleetSimulator {
    /** Vehicles appear at their first stop this long before departing. */
    public static final int LAYOVER_SECONDS = 60;
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final GtfsFeed feed;
    private final LocalDate serviceDate;
    private final long dayStartEpochSeconds;
    private final List<SimulatedTrip> trips;
    private final boolean withTripIds;

    /**
     * @param routes          route ids or short names to simulate; empty = all
     * @param maxTrips        at most this many trips (the earliest), 0 = no limit
     * @param withTripIds     report trip ids (else only route id + position, as many AVL systems do)
     */
    public FleetSimulator(GtfsFeed feed, LocalDate serviceDate, int fromSecondsOfDay, int toSecondsOfDay,
                          Set<String> routes, int maxTrips, DelayModel model, long seed, boolean withTripIds) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.serviceDate = Objects.requireNonNull(serviceDate, "serviceDate");
        this.dayStartEpochSeconds = GtfsTime.serviceDayStartEpochSeconds(serviceDate, feed.zone());
        this.withTripIds = withTripIds;
        List<ScheduledTrip> chosen = new ArrayList<>();
        for (ScheduledTrip t : feed.trips()) {
            if (t.lastArrivalSeconds() < fromSecondsOfDay || t.firstDepartureSeconds() > toSecondsOfDay
                    || !feed.runsOn(t, serviceDate)) {
                continue;
            }
            if (!routes.isEmpty() && !routes.contains(t.routeId())
                    && !routes.contains(feed.route(t.routeId()).map(r -> r.shortName()).orElse(""))) {
                continue;
            }
            chosen.add(t);
        }
        chosen.sort(Comparator.comparingInt(ScheduledTrip::firstDepartureSeconds).thenComparing(ScheduledTrip::id));
        if (maxTrips > 0 && chosen.size() > maxTrips) {
            chosen = chosen.subList(0, maxTrips);
        }
        Random random = new Random(seed);
        List<SimulatedTrip> sims = new ArrayList<>(chosen.size());
        for (ScheduledTrip t : chosen) {
            sims.add(new SimulatedTrip(t, TripGeometry.of(t, feed), serviceDate, model, new Random(random.nextLong())));
        }
        this.trips = List.copyOf(sims);
    }

    public List<SimulatedTrip> trips() {
        return trips;
    }

    public long epochSecondsOf(double secondsOfDay) {
        return dayStartEpochSeconds + Math.round(secondsOfDay);
    }

    /** One reported position with the simulator's ground truth. */
    public record Report(SimulatedTrip trip, SimulatedTrip.Fix fix, FeedEntity entity) {
    }

    /** Positions of every vehicle running at {@code secondsOfDay}. */
    public List<Report> positionsAt(int secondsOfDay) {
        long epoch = dayStartEpochSeconds + secondsOfDay;
        List<Report> out = new ArrayList<>();
        for (SimulatedTrip s : trips) {
            if (!s.isRunning(secondsOfDay, LAYOVER_SECONDS)) {
                continue;
            }
            SimulatedTrip.Fix fix = s.positionAt(secondsOfDay);
            ScheduledTrip t = s.trip();
            TripDescriptor.Builder td = TripDescriptor.newBuilder().setRouteId(t.routeId());
            if (withTripIds) {
                td.setTripId(t.id()).setStartDate(serviceDate.format(YYYYMMDD));
            }
            if (t.directionId() >= 0) {
                td.setDirectionId(t.directionId());
            }
            String vehicle = "veh-" + t.id();
            out.add(new Report(s, fix, FeedEntity.newBuilder().setId(vehicle)
                    .setVehicle(VehiclePosition.newBuilder()
                            .setTrip(td)
                            .setVehicle(VehicleDescriptor.newBuilder().setId(vehicle))
                            .setPosition(Position.newBuilder().setLatitude((float) fix.latDegrees())
                                    .setLongitude((float) fix.lonDegrees()))
                            .setTimestamp(epoch))
                    .build()));
        }
        return out;
    }

    /** Reports grouped into FeedMessages of at most {@code batchSize} entities, stamped {@code secondsOfDay}. */
    public List<FeedMessage> feedsAt(int secondsOfDay, int batchSize) {
        List<Report> reports = positionsAt(secondsOfDay);
        List<FeedMessage> out = new ArrayList<>();
        for (int i = 0; i < reports.size(); i += batchSize) {
            FeedMessage.Builder m = FeedMessage.newBuilder().setHeader(FeedHeader.newBuilder()
                    .setGtfsRealtimeVersion(TransitFeeds.GTFS_RT_VERSION)
                    .setIncrementality(FeedHeader.Incrementality.FULL_DATASET)
                    .setTimestamp(dayStartEpochSeconds + secondsOfDay));
            for (Report r : reports.subList(i, Math.min(reports.size(), i + batchSize))) {
                m.addEntity(r.entity());
            }
            out.add(m.build());
        }
        return out;
    }

    /** The service date in the feed's calendar with the most trips, among the first {@code days} days. */
    public static LocalDate busiestDate(GtfsFeed feed, int days) {
        LocalDate first = feed.calendar().firstDate();
        if (first == null) {
            throw new IllegalArgumentException("the feed's calendar has no dates");
        }
        LocalDate best = first;
        long bestCount = -1;
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            long c = feed.trips().stream().filter(t -> feed.runsOn(t, date)).count();
            if (c > bestCount) {
                bestCount = c;
                best = date;
            }
        }
        return best;
    }
}
