package pl.kielce.traffic.transit.adherence;

import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.transit.schedule.GeoMath;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsTime;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;
import pl.kielce.traffic.transit.schedule.Stop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Matches a vehicle position to its scheduled trip and its progress along the stop sequence.
 *
 * <p>With a trip id: the trip's runs between stops (along its GTFS shape when there is one, else straight
 * from stop to stop; see {@link TripGeometry}) are searched for the one whose
 * projected point is near the position and whose scheduled time is closest to the observation time
 * (this disambiguates loops, where a trip passes the same place twice). Without a trip id: the same
 * is done for every trip of the reported route (and direction) whose scheduled span covers the time,
 * and the best is taken; a previous match of the same vehicle wins ties (stickiness).
 *
 * <p>Score = |delay| seconds + off-route metres; lowest wins.
 */
public final class TripMatcher {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    /** A previously matched trip is preferred over another by this many score points. */
    static final double STICKINESS_BONUS = 120;

    private final GtfsFeed feed;
    private final AdherenceSettings settings;
    /** Trip geometry (shape or straight lines), built on first use; a feed is immutable, so this never goes stale. */
    private final java.util.concurrent.ConcurrentMap<String, TripGeometry> geometries =
            new java.util.concurrent.ConcurrentHashMap<>();

    public TripMatcher(GtfsFeed feed, AdherenceSettings settings) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** What the vehicle was matched to before (from job state), used as a hint; may be null. */
    public record PreviousMatch(String tripId, LocalDate serviceDate, int reachedStopIndex) {
    }

    public Decoded<TripProgress> match(VehicleObservation o, PreviousMatch previous) {
        LocalDate today = Instant.ofEpochSecond(o.timestampEpochSeconds()).atZone(feed.zone()).toLocalDate();
        LocalDate reportedDate = null;
        if (o.startDate() != null) {
            try {
                reportedDate = LocalDate.parse(o.startDate(), YYYYMMDD);
            } catch (RuntimeException e) {
                return Decoded.failed("start_date '" + o.startDate() + "' is not a date");
            }
        }
        if (o.tripId() != null) {
            ScheduledTrip trip = feed.trip(o.tripId()).orElse(null);
            if (trip == null) {
                return Decoded.failed("trip_id '" + o.tripId() + "' is not in the schedule");
            }
            Best best = new Best();
            boolean runs = false;
            for (LocalDate d : reportedDate != null ? List.of(reportedDate) : List.of(today, today.minusDays(1))) {
                if (feed.runsOn(trip, d)) {
                    runs = true;
                    int min = previous != null && trip.id().equals(previous.tripId()) && d.equals(previous.serviceDate())
                            ? previous.reachedStopIndex() : 0;
                    consider(best, trip, d, o, min, 0);
                }
            }
            if (!runs) {
                return Decoded.failed("trip_id '" + o.tripId() + "' does not run on "
                        + (reportedDate != null ? reportedDate : today + " or the day before"));
            }
            return best.progress != null ? Decoded.ok(best.progress)
                    : Decoded.failed("position " + o.latDegrees() + "," + o.lonDegrees() + " at "
                    + Instant.ofEpochSecond(o.timestampEpochSeconds()) + " does not fit trip '" + trip.id()
                    + "' (nearest segment " + Math.round(best.nearestMeters) + " m away; limit "
                    + Math.round(settings.maxOffRouteMeters()) + " m, or outside its time window)");
        }
        List<ScheduledTrip> candidates = feed.tripsOfRoute(o.routeId());
        if (candidates.isEmpty()) {
            return Decoded.failed("route_id '" + o.routeId() + "' has no trips in the schedule");
        }
        Best best = new Best();
        for (LocalDate d : reportedDate != null ? List.of(reportedDate) : List.of(today, today.minusDays(1))) {
            long t = o.timestampEpochSeconds() - GtfsTime.serviceDayStartEpochSeconds(d, feed.zone());
            for (ScheduledTrip trip : candidates) {
                if (o.directionId() >= 0 && trip.directionId() >= 0 && trip.directionId() != o.directionId()) {
                    continue;
                }
                if (t < trip.firstDepartureSeconds() - settings.maxEarlySeconds()
                        || t > trip.lastArrivalSeconds() + settings.maxLateSeconds()
                        || !feed.runsOn(trip, d)) {
                    continue;
                }
                boolean sticky = previous != null && trip.id().equals(previous.tripId()) && d.equals(previous.serviceDate());
                consider(best, trip, d, o, sticky ? previous.reachedStopIndex() : 0, sticky ? STICKINESS_BONUS : 0);
            }
        }
        return best.progress != null ? Decoded.ok(best.progress)
                : Decoded.failed("no trip of route '" + o.routeId() + "' fits position " + o.latDegrees() + ","
                + o.lonDegrees() + " at " + Instant.ofEpochSecond(o.timestampEpochSeconds()));
    }

    private static final class Best {
        TripProgress progress;
        double score = Double.POSITIVE_INFINITY;
        double nearestMeters = Double.POSITIVE_INFINITY;
    }

    /** Tries every segment of one trip on one service date from {@code minSegment}; keeps the best in {@code best}. */
    private void consider(Best best, ScheduledTrip trip, LocalDate serviceDate, VehicleObservation o, int minSegment,
                          double bonus) {
        long t = o.timestampEpochSeconds() - GtfsTime.serviceDayStartEpochSeconds(serviceDate, feed.zone());
        if (t < trip.firstDepartureSeconds() - settings.maxEarlySeconds()
                || t > trip.lastArrivalSeconds() + settings.maxLateSeconds()) {
            return;
        }
        int n = trip.stopCount();
        TripGeometry geometry = geometries.computeIfAbsent(trip.id(), id -> TripGeometry.of(trip, feed));
        for (int i = Math.max(0, Math.min(minSegment, n - 2)); i < n - 1; i++) {
            Stop a = trip.stop(i);
            Stop b = trip.stop(i + 1);
            double[] fd = geometry.project(i, o.latDegrees(), o.lonDegrees());
            double f = fd[0];
            double meters = fd[1];
            best.nearestMeters = Math.min(best.nearestMeters, meters);
            if (meters > settings.maxOffRouteMeters()) {
                continue;
            }
            int segment = i;
            int atStop = -1;
            double toA = GeoMath.distanceMeters(o.latDegrees(), o.lonDegrees(), a.latDegrees(), a.lonDegrees());
            double toB = GeoMath.distanceMeters(o.latDegrees(), o.lonDegrees(), b.latDegrees(), b.lonDegrees());
            if (toA <= settings.atStopRadiusMeters() && toA <= toB) {
                atStop = i;
                f = 0;
            } else if (toB <= settings.atStopRadiusMeters()) {
                atStop = i + 1;
                if (i + 1 < n - 1) {
                    segment = i + 1;
                    f = 0;
                } else {
                    f = 1;
                }
            }
            double scheduled;
            int delay;
            if (atStop >= 0) {
                // standing at a stop: on time anywhere between its scheduled arrival and departure
                int arr = trip.arrivalSeconds(atStop);
                int dep = trip.departureSeconds(atStop);
                if (t < arr) {
                    scheduled = arr;
                } else if (t > dep) {
                    scheduled = dep;
                } else {
                    scheduled = t;
                }
            } else {
                int dep = trip.departureSeconds(segment);
                int arr = trip.arrivalSeconds(segment + 1);
                scheduled = dep + f * (arr - dep);
            }
            delay = (int) Math.round(t - scheduled);
            if (delay < -settings.maxEarlySeconds() || delay > settings.maxLateSeconds()) {
                continue;
            }
            double score = Math.abs(delay) + meters - bonus;
            if (score < best.score) {
                best.score = score;
                best.progress = new TripProgress(trip, serviceDate, segment, f, atStop, meters, scheduled, t, delay);
            }
        }
    }
}
