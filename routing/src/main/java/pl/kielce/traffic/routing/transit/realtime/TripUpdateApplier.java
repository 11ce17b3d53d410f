package pl.kielce.traffic.routing.transit.realtime;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.TripUpdate.StopTimeEvent;
import com.google.transit.realtime.GtfsRealtime.TripUpdate.StopTimeUpdate;

import pl.kielce.traffic.routing.transit.model.Timetable;

/**
 * Turns GTFS-Realtime TripUpdates into {@link TripRealtime} states: cancellations, delays (from
 * {@code delay} or absolute {@code time}, propagated downstream until the next update) and skipped stops.
 * Raw protobuf stays here; a bad entity is reported with a reason and never stops the rest.
 */
public final class TripUpdateApplier {
    private static final DateTimeFormatter GTFS_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Timetable tt;
    private final Clock clock;

    public TripUpdateApplier(Timetable tt, Clock clock) {
        this.tt = tt;
        this.clock = clock;
    }

    /** The changes one feed message makes, and why entities were rejected. */
    public record Changes(Map<TripInstance, TripRealtime> trips, boolean fullDataset, List<String> rejected) {
    }

    public Changes changes(FeedMessage feed) {
        Map<TripInstance, TripRealtime> out = new HashMap<>();
        List<String> rejected = new ArrayList<>();
        for (FeedEntity e : feed.getEntityList()) {
            if (!e.hasTripUpdate()) {
                continue;
            }
            try {
                TripUpdate tu = e.getTripUpdate();
                TripDescriptor td = tu.getTrip();
                int trip = tt.tripIndex(td.getTripId());
                if (trip < 0) {
                    rejected.add("entity " + e.getId() + ": unknown trip_id '" + td.getTripId() + "'");
                    continue;
                }
                LocalDate date = td.hasStartDate() ? LocalDate.parse(td.getStartDate(), GTFS_DATE) : LocalDate.now(clock.withZone(tt.zone));
                TripInstance key = new TripInstance(trip, date);
                if (e.getIsDeleted()) {
                    out.put(key, null);
                    continue;
                }
                int base = tt.tripFirstStopTime[trip];
                int stops = tt.tripFirstStopTime[trip + 1] - base;
                if (td.getScheduleRelationship() == TripDescriptor.ScheduleRelationship.CANCELED) {
                    out.put(key, TripRealtime.cancelledTrip(stops));
                    continue;
                }
                out.put(key, stopTimes(tu, trip, date, base, stops, e.getId(), rejected));
            } catch (RuntimeException ex) {
                rejected.add("entity " + e.getId() + ": " + ex.getMessage());
            }
        }
        boolean full = !feed.hasHeader() || feed.getHeader().getIncrementality() == FeedHeader.Incrementality.FULL_DATASET;
        return new Changes(out, full, rejected);
    }

    private TripRealtime stopTimes(TripUpdate tu, int trip, LocalDate date, int base, int stops, String entity, List<String> rejected) {
        int[] arr = new int[stops];
        int[] dep = new int[stops];
        boolean[] skipped = new boolean[stops];
        boolean[] given = new boolean[stops];
        int[] givenArr = new int[stops];
        int[] givenDep = new int[stops];
        long midnight = date.atTime(12, 0).atZone(tt.zone).minusHours(12).toEpochSecond();
        for (StopTimeUpdate u : tu.getStopTimeUpdateList()) {
            int pos = position(u, base, stops);
            if (pos < 0) {
                rejected.add("entity " + entity + ": stop_time_update matches no stop of trip " + tt.tripId[trip]
                        + " (stop_sequence " + u.getStopSequence() + ", stop_id '" + u.getStopId() + "')");
                continue;
            }
            if (u.getScheduleRelationship() == StopTimeUpdate.ScheduleRelationship.SKIPPED) {
                skipped[pos] = true;
                continue;
            }
            if (u.getScheduleRelationship() == StopTimeUpdate.ScheduleRelationship.NO_DATA) {
                continue;
            }
            Integer a = delay(u.hasArrival() ? u.getArrival() : null, midnight + tt.stopTimeArrivalSeconds[base + pos]);
            Integer d = delay(u.hasDeparture() ? u.getDeparture() : null, midnight + tt.stopTimeDepartureSeconds[base + pos]);
            if (a == null && d == null) {
                continue;
            }
            given[pos] = true;
            givenArr[pos] = a != null ? a : d;
            givenDep[pos] = d != null ? d : a;
        }
        // propagate each given delay downstream until the next given one
        boolean any = false;
        int current = 0;
        for (int p = 0; p < stops; p++) {
            if (given[p]) {
                any = true;
                arr[p] = givenArr[p];
                dep[p] = givenDep[p];
                current = givenDep[p];
            } else if (any) {
                arr[p] = current;
                dep[p] = current;
            }
        }
        return TripRealtime.of(arr, dep, skipped);
    }

    private int position(StopTimeUpdate u, int base, int stops) {
        if (u.hasStopSequence()) {
            for (int p = 0; p < stops; p++) {
                if (tt.stopTimeSequence[base + p] == u.getStopSequence()) {
                    return p;
                }
            }
            return -1;
        }
        if (u.hasStopId()) {
            int s = tt.stopIndex(u.getStopId());
            for (int p = 0; p < stops; p++) {
                if (tt.stopTimeStop[base + p] == s) {
                    return p;
                }
            }
        }
        return -1;
    }

    private static Integer delay(StopTimeEvent ev, long scheduledEpochSeconds) {
        if (ev == null) {
            return null;
        }
        if (ev.hasDelay()) {
            return ev.getDelay();
        }
        if (ev.hasTime()) {
            return (int) (ev.getTime() - scheduledEpochSeconds);
        }
        return null;
    }
}
