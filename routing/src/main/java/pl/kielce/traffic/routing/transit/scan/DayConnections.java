package pl.kielce.traffic.routing.transit.scan;

import java.time.LocalDate;
import java.util.Arrays;

import pl.kielce.traffic.routing.transit.model.Timetable;
import pl.kielce.traffic.routing.transit.realtime.RealtimeSnapshot;
import pl.kielce.traffic.routing.transit.realtime.TripRealtime;

/**
 * Elementary connections (one vehicle from one stop to the next) of the trips running on one service
 * date, real-time applied, sorted by departure (and a second order by arrival for arrive-by scans).
 * Times are seconds after midnight of the service date. Immutable.
 */
final class DayConnections {
    final LocalDate serviceDate;
    final long realtimeVersion;
    final int size;
    final int[] departure;
    final int[] arrival;
    final int[] fromStop;
    final int[] toStop;
    final int[] trip;
    /** Stop-time position (index within the trip) of the departure end; the arrival end is position + 1. */
    final int[] position;
    final boolean[] canBoard;
    final boolean[] canAlight;
    /** Connection indices ordered by arrival time. */
    final int[] byArrival;

    private DayConnections(LocalDate serviceDate, long realtimeVersion, int size, int[] departure, int[] arrival,
                           int[] fromStop, int[] toStop, int[] trip, int[] position, boolean[] canBoard,
                           boolean[] canAlight, int[] byArrival) {
        this.serviceDate = serviceDate;
        this.realtimeVersion = realtimeVersion;
        this.size = size;
        this.departure = departure;
        this.arrival = arrival;
        this.fromStop = fromStop;
        this.toStop = toStop;
        this.trip = trip;
        this.position = position;
        this.canBoard = canBoard;
        this.canAlight = canAlight;
        this.byArrival = byArrival;
    }

    /** Every trip's connections in schedule order, built once; days without real-time data are filtered from it. */
    static DayConnections allTrips(Timetable tt) {
        return build(tt, null, RealtimeSnapshot.EMPTY, null);
    }

    static DayConnections build(Timetable tt, LocalDate date, RealtimeSnapshot realtime, DayConnections allTrips) {
        if (allTrips != null && date != null && realtime.versionOf(date) == 0) {
            return filter(allTrips, tt, date);
        }
        int count = 0;
        boolean[] runs = new boolean[tt.tripCount()];
        for (int t = 0; t < tt.tripCount(); t++) {
            if (date != null && !tt.runsOn(t, date)) {
                continue;
            }
            TripRealtime rt = date == null ? null : realtime.get(t, date);
            if (rt != null && rt.cancelled()) {
                continue;
            }
            runs[t] = true;
            count += Math.max(0, tt.tripFirstStopTime[t + 1] - tt.tripFirstStopTime[t] - 1);
        }
        long[] keys = new long[count];
        int[] dep = new int[count];
        int[] arr = new int[count];
        int[] from = new int[count];
        int[] to = new int[count];
        int[] trip = new int[count];
        int[] pos = new int[count];
        boolean[] board = new boolean[count];
        boolean[] alight = new boolean[count];
        int n = 0;
        for (int t = 0; t < runs.length; t++) {
            if (!runs[t]) {
                continue;
            }
            TripRealtime rt = date == null ? null : realtime.get(t, date);
            int base = tt.tripFirstStopTime[t];
            int stops = tt.tripFirstStopTime[t + 1] - base;
            int lastDeparture = Integer.MIN_VALUE;
            for (int p = 0; p + 1 < stops; p++) {
                int a = base + p;
                int b = a + 1;
                int d = tt.stopTimeDepartureSeconds[a] + (rt == null ? 0 : rt.departureDelaySeconds(p));
                int r = tt.stopTimeArrivalSeconds[b] + (rt == null ? 0 : rt.arrivalDelaySeconds(p + 1));
                // keep times monotone even when delays are inconsistent
                d = Math.max(d, lastDeparture);
                r = Math.max(r, d);
                lastDeparture = r;
                dep[n] = d;
                arr[n] = r;
                from[n] = tt.stopTimeStop[a];
                to[n] = tt.stopTimeStop[b];
                trip[n] = t;
                pos[n] = p;
                board[n] = tt.stopTimePickup[a] && (rt == null || !rt.skipped(p));
                alight[n] = tt.stopTimeDropOff[b] && (rt == null || !rt.skipped(p + 1));
                // order by departure; ties keep trip order (position increases along a trip)
                // ties: shorter connections first, so a zero-minute arrival is seen before a departure at that second
                keys[n] = ((long) (d + 86_400) << 42) | ((long) Math.min(r - d, 0x3FFFF) << 24) | n;
                n++;
            }
        }
        Arrays.sort(keys, 0, n);
        int[] depS = new int[n];
        int[] arrS = new int[n];
        int[] fromS = new int[n];
        int[] toS = new int[n];
        int[] tripS = new int[n];
        int[] posS = new int[n];
        boolean[] boardS = new boolean[n];
        boolean[] alightS = new boolean[n];
        for (int i = 0; i < n; i++) {
            int k = (int) (keys[i] & 0xFFFFFF);
            depS[i] = dep[k];
            arrS[i] = arr[k];
            fromS[i] = from[k];
            toS[i] = to[k];
            tripS[i] = trip[k];
            posS[i] = pos[k];
            boardS[i] = board[k];
            alightS[i] = alight[k];
        }
        long[] akeys = new long[n];
        for (int i = 0; i < n; i++) {
            // by arrival; ties: later departure first so that reverse scans see trips back to front
            akeys[i] = ((long) (arrS[i] + 86_400) << 42) | ((long) (depS[i] + 86_400) << 24) | i;
        }
        Arrays.sort(akeys);
        int[] byArr = new int[n];
        for (int i = 0; i < n; i++) {
            byArr[i] = (int) (akeys[i] & 0xFFFFFF);
        }
        return new DayConnections(date, date == null ? 0 : realtime.versionOf(date), n, depS, arrS, fromS, toS, tripS, posS, boardS, alightS, byArr);
    }

    /** The connections of the trips running on {@code date}, keeping the schedule order (no sorting). */
    private static DayConnections filter(DayConnections all, Timetable tt, LocalDate date) {
        boolean[] runs = new boolean[tt.tripCount()];
        for (int t = 0; t < runs.length; t++) {
            runs[t] = tt.runsOn(t, date);
        }
        int[] newIndex = new int[all.size];
        int n = 0;
        for (int i = 0; i < all.size; i++) {
            newIndex[i] = runs[all.trip[i]] ? n++ : -1;
        }
        int[] dep = new int[n];
        int[] arr = new int[n];
        int[] from = new int[n];
        int[] to = new int[n];
        int[] trip = new int[n];
        int[] pos = new int[n];
        boolean[] board = new boolean[n];
        boolean[] alight = new boolean[n];
        for (int i = 0; i < all.size; i++) {
            int k = newIndex[i];
            if (k >= 0) {
                dep[k] = all.departure[i];
                arr[k] = all.arrival[i];
                from[k] = all.fromStop[i];
                to[k] = all.toStop[i];
                trip[k] = all.trip[i];
                pos[k] = all.position[i];
                board[k] = all.canBoard[i];
                alight[k] = all.canAlight[i];
            }
        }
        int[] byArr = new int[n];
        int m = 0;
        for (int j = 0; j < all.size; j++) {
            int k = newIndex[all.byArrival[j]];
            if (k >= 0) {
                byArr[m++] = k;
            }
        }
        return new DayConnections(date, 0, n, dep, arr, from, to, trip, pos, board, alight, byArr);
    }

    /** First index whose departure is >= seconds. */
    int firstDepartingAtOrAfter(int seconds) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (departure[mid] < seconds) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Last position in {@link #byArrival} whose arrival is <= seconds, or -1. */
    int lastArrivingAtOrBefore(int seconds) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (arrival[byArrival[mid]] <= seconds) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
