package pl.kielce.traffic.routing.transit.scan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import pl.kielce.traffic.routing.transit.model.Timetable;
import pl.kielce.traffic.routing.transit.realtime.RealtimeSnapshot;
import pl.kielce.traffic.routing.transit.realtime.TripRealtime;

/**
 * Exact connection scan (CSA, Dibbelt et al.) over the timetable, with arrival times kept per number of
 * rides so that the answer is the Pareto set (arrival, transfers): the earliest arrival plus the
 * alternatives with fewer transfers. Arrive-by queries run the mirrored scan over connections ordered
 * by arrival. Three service days are scanned (the day before for trips running past midnight, the query
 * day and the next day). Thread-safe: per-query state is thread-confined.
 */
public final class ConnectionScanRouter {
    private static final int INF = Integer.MAX_VALUE / 2;
    private static final int NEG_INF = -INF;
    private static final int DAY = 86_400;
    private static final int[] OFFSETS = {-DAY, 0, DAY};
    private static final byte ACCESS = 1;
    private static final byte RIDE = 2;
    private static final byte WALK = 3;
    /** A query point this close to a stop is at that stop (and at its station). */
    private static final double AT_STOP_METERS = 10;

    private final TransitNetwork network;
    private final Timetable tt;
    private final boolean wheelchairUnknownAllowed;
    private final ThreadLocal<State> state;

    public ConnectionScanRouter(TransitNetwork network, boolean wheelchairUnknownAllowed) {
        this.network = network;
        this.tt = network.timetable();
        this.wheelchairUnknownAllowed = wheelchairUnknownAllowed;
        this.state = ThreadLocal.withInitial(() -> new State(JourneyQuery.MAX_TRANSFERS_LIMIT + 2, tt.stopCount(), 3 * tt.tripCount()));
    }

    public TransitNetwork network() {
        return network;
    }

    /** Itineraries for the query: the Pareto set of the first search, then later (earlier) searches up to the limit. */
    public List<Journey> route(JourneyQuery q) {
        RealtimeSnapshot snap = network.realtime();
        List<Journey> out = new ArrayList<>();
        JourneyQuery current = q;
        for (int round = 0; round < q.limit() && out.size() < q.limit(); round++) {
            List<Journey> found = q.arriveBy() ? backward(current, snap, Integer.MIN_VALUE) : latestDepartures(forward(current, snap), current, snap);
            boolean added = false;
            for (Journey j : found) {
                if (out.size() < q.limit() && out.stream().noneMatch(o -> sameRides(o, j))) {
                    out.add(j);
                    added = true;
                }
            }
            if (!added || found.isEmpty()) {
                break;
            }
            // the next search starts just after the earliest departure found (arrive-by: before the latest arrival)
            if (q.arriveBy()) {
                int next = found.stream().mapToInt(Journey::arrivalSeconds).max().getAsInt() - 1;
                if (next < 0) {
                    break;
                }
                current = withTime(q, next);
            } else {
                int next = found.stream().mapToInt(ConnectionScanRouter::firstRideDeparture).min().getAsInt() + 1;
                if (next >= DAY || next <= q.timeSeconds()) {
                    break;
                }
                current = withTime(q, next);
            }
        }
        Comparator<Journey> order = q.arriveBy()
                ? Comparator.comparingInt(Journey::departureSeconds).reversed().thenComparingInt(Journey::transfers)
                : Comparator.comparingInt(Journey::arrivalSeconds).thenComparingInt(Journey::transfers);
        out.sort(order);
        return out;
    }

    /**
     * For each earliest-arrival journey, the journey with at most as many rides that arrives no later and
     * leaves latest (a reverse scan from its arrival): no walking to an earlier stop of the same bus, no
     * needless waiting.
     */
    private List<Journey> latestDepartures(List<Journey> journeys, JourneyQuery q, RealtimeSnapshot snap) {
        List<Journey> out = new ArrayList<>(journeys.size());
        for (Journey j : journeys) {
            int arrival = j.arrivalSeconds();
            if (j.rides() == 0 || arrival < 0 || arrival >= DAY) {
                out.add(j);
                continue;
            }
            JourneyQuery reverse = new JourneyQuery(q.fromLat(), q.fromLon(), q.toLat(), q.toLon(), q.date(), arrival, true,
                    j.rides() - 1, q.maxWalkMeters(), q.wheelchair(), 1);
            Journey better = null;
            // nothing departing before the journey found can leave later than it: scan back to its departure only
            for (Journey r : backward(reverse, snap, j.departureSeconds())) {
                if (r.rides() > 0 && r.rides() <= j.rides() && r.arrivalSeconds() <= arrival
                        && firstRideDeparture(r) >= firstRideDeparture(j) && r.departureSeconds() >= q.timeSeconds()
                        && (better == null || r.departureSeconds() > better.departureSeconds())) {
                    better = r;
                }
            }
            out.add(better != null && better.departureSeconds() > j.departureSeconds() ? better : j);
        }
        return pareto(out, false);
    }

    private static JourneyQuery withTime(JourneyQuery q, int seconds) {
        return new JourneyQuery(q.fromLat(), q.fromLon(), q.toLat(), q.toLon(), q.date(), seconds, q.arriveBy(),
                q.maxTransfers(), q.maxWalkMeters(), q.wheelchair(), q.limit());
    }

    private static int firstRideDeparture(Journey j) {
        return j.legs().stream().filter(l -> l instanceof JourneyLeg.Ride).mapToInt(JourneyLeg::startSeconds).findFirst()
                .orElse(j.departureSeconds());
    }

    private static boolean sameRides(Journey a, Journey b) {
        List<JourneyLeg> ra = a.legs().stream().filter(l -> l instanceof JourneyLeg.Ride).toList();
        List<JourneyLeg> rb = b.legs().stream().filter(l -> l instanceof JourneyLeg.Ride).toList();
        return ra.equals(rb) && (!ra.isEmpty() || a.equals(b));
    }

    private boolean stopUsable(int stop, boolean wheelchair) {
        if (!wheelchair) {
            return true;
        }
        byte w = tt.stopWheelchairBoarding[stop];
        return w == Timetable.ACCESSIBLE || (w == Timetable.ACCESSIBILITY_UNKNOWN && wheelchairUnknownAllowed);
    }

    private boolean tripUsable(int trip, boolean wheelchair) {
        if (!wheelchair) {
            return true;
        }
        byte w = tt.tripWheelchairAccessible[trip];
        return w == Timetable.ACCESSIBLE || (w == Timetable.ACCESSIBILITY_UNKNOWN && wheelchairUnknownAllowed);
    }

    /** Walking seconds from a point to each stop within maxWalkMeters, else -1; distances in metres into {@code meters}. */
    private int[] walkTimes(double lat, double lon, int maxWalkMeters, boolean wheelchair, int[] meters) {
        WalkSettings walk = network.walk();
        int n = tt.stopCount();
        int[] secs = new int[n];
        double latSpan = Math.max(maxWalkMeters, walk.stationRadiusMeters() + AT_STOP_METERS) / 111_000.0 + 1e-6;
        List<Integer> anchors = new ArrayList<>(2);
        for (int s = 0; s < n; s++) {
            secs[s] = -1;
            if (Math.abs(tt.stopLat[s] - lat) > latSpan) {
                continue;
            }
            double d = Geo.distanceMeters(lat, lon, tt.stopLat[s], tt.stopLon[s]);
            if (d <= AT_STOP_METERS) {
                anchors.add(s);
            }
            if (d * walk.detourFactor() <= maxWalkMeters && stopUsable(s, wheelchair)) {
                secs[s] = walk.walkSeconds(d);
                meters[s] = (int) Math.round(d);
            }
        }
        // a point at a stop is at its station: the other platforms of that station count like a same-station change
        for (int a : anchors) {
            // ... and at the stop itself: a few metres of GPS or snapping never cost the departure at the query time
            if (stopUsable(a, wheelchair) && (secs[a] < 0 || walk.sameStationTransferSeconds() < secs[a])) {
                secs[a] = walk.sameStationTransferSeconds();
            }
            for (int f = network.footpaths().first[a]; f < network.footpaths().first[a + 1]; f++) {
                int s = network.footpaths().target[f];
                int m = network.footpaths().meters[f];
                if (m <= walk.stationRadiusMeters() && tt.stopName[s].equals(tt.stopName[a]) && stopUsable(s, wheelchair)) {
                    int t = walk.sameStationTransferSeconds();
                    if (secs[s] < 0 || t < secs[s]) {
                        secs[s] = t;
                        meters[s] = (int) Math.round(Geo.distanceMeters(lat, lon, tt.stopLat[s], tt.stopLon[s]));
                    }
                }
            }
        }
        return secs;
    }

    private DayConnections[] days(LocalDate date, RealtimeSnapshot snap) {
        return new DayConnections[]{network.day(date.minusDays(1), snap), network.day(date, snap), network.day(date.plusDays(1), snap)};
    }

    // ------------------------------------------------------------------ forward (depart at)

    private List<Journey> forward(JourneyQuery q, RealtimeSnapshot snap) {
        final int rides = q.maxTransfers() + 1;
        final int nTrips = tt.tripCount();
        final boolean wc = q.wheelchair();
        State st = state.get();
        st.reset(rides, INF);
        DayConnections[] days = days(q.date(), snap);
        Footpaths fp = network.footpaths();
        WalkSettings walk = network.walk();
        Endpoints ends = endpoints(q);
        int[] access = ends.access();
        int[] egress = ends.egress();
        final int t0 = q.timeSeconds();
        for (int s = 0; s < access.length; s++) {
            if (access[s] >= 0) {
                for (int j = 0; j <= rides; j++) {
                    st.arrival[j][s] = t0 + access[s];
                    st.kind[j][s] = ACCESS;
                }
            }
        }
        int[] best = new int[rides + 1];
        int[] bestEnter = new int[rides + 1];
        int[] bestExit = new int[rides + 1];
        int[] bestLevel = new int[rides + 1];
        Arrays.fill(best, INF);
        int[] pos = new int[3];
        for (int k = 0; k < 3; k++) {
            pos[k] = days[k].firstDepartingAtOrAfter(t0 - OFFSETS[k]);
        }
        final int horizon = t0 + walk.searchWindowSeconds();
        final int slack = walk.alternativeSlackSeconds();
        int bestAll = INF;
        int stopAt = horizon;
        while (true) {
            int k = -1;
            int td = INF;
            for (int x = 0; x < 3; x++) {
                if (pos[x] < days[x].size) {
                    int v = days[x].departure[pos[x]] + OFFSETS[x];
                    if (v < td) {
                        td = v;
                        k = x;
                    }
                }
            }
            if (k < 0 || td > stopAt) {
                break;
            }
            DayConnections dc = days[k];
            int c = pos[k]++;
            int trip = dc.trip[c];
            if (!tripUsable(trip, wc)) {
                continue;
            }
            int ti = k * nTrips + trip;
            int from = dc.fromStop[c];
            if (dc.canBoard[c] && stopUsable(from, wc)) {
                for (int j = 0; j < rides; j++) {
                    if (st.arrival[j][from] <= td) {
                        if (j + 1 < st.tripLevel[ti]) {
                            st.tripLevel[ti] = j + 1;
                            st.tripConnection[ti] = (k << 24) | c;
                        }
                        break;
                    }
                }
            }
            int kt = st.tripLevel[ti];
            if (kt == INF) {
                continue;
            }
            int to = dc.toStop[c];
            if (!dc.canAlight[c] || !stopUsable(to, wc)) {
                continue;
            }
            int ta = dc.arrival[c] + OFFSETS[k];
            int code = (k << 24) | c;
            // ride labels first: footpaths leave from every improved ride arrival, even when the stop was reached earlier on foot
            if (relaxRide(st, kt, rides, to, ta, FORWARD, st.tripConnection[ti], code)) {
                relaxFootpaths(st, fp, kt, rides, to, ta, FORWARD);
            }
            if (egress[to] >= 0) {
                int te = ta + egress[to];
                relaxBest(best, bestEnter, bestExit, bestLevel, kt, rides, te, FORWARD, st.tripConnection[ti], code);
                if (te < bestAll) {
                    bestAll = te;
                }
                stopAt = Math.min(horizon, Math.min(best[1], bestAll + slack));
            }
        }

        List<Journey> candidates = new ArrayList<>();
        for (int j = 1; j <= rides; j++) {
            if (best[j] < INF && best[j] <= bestAll + slack && (j == 1 || best[j] < best[j - 1])) {
                Journey journey = buildForward(st, days, snap, bestEnter[j], bestExit[j], bestLevel[j], ends);
                if (journey != null) {
                    candidates.add(journey);
                }
            }
        }
        directWalk(q).ifPresent(candidates::add);
        return pareto(candidates, false);
    }

    private Journey buildForward(State st, DayConnections[] days, RealtimeSnapshot snap, int enter, int exit, int boardLevel,
                                 Endpoints ends) {
        int[] access = ends.access();
        int[] accessMeters = ends.accessMeters();
        int[] egress = ends.egress();
        int[] egressMeters = ends.egressMeters();
        List<JourneyLeg> reversed = new ArrayList<>();
        JourneyLeg.Ride last = ride(days, snap, enter, exit);
        int lastStop = days[exit >>> 24].toStop[exit & 0xFFFFFF];
        reversed.add(new JourneyLeg.Walk(lastStop, -1, last.endSeconds(), last.endSeconds() + egress[lastStop], egressMeters[lastStop]));
        reversed.add(last);
        int stop = days[enter >>> 24].fromStop[enter & 0xFFFFFF];
        int lv = boardLevel - 1;
        int nextStart = last.startSeconds();
        boolean afterWalk = false;
        for (int guard = 0; guard < 64; guard++) {
            // after a walk, the stop walked from was left by a ride (its ride label), whatever reached it first
            byte kind = afterWalk ? RIDE : st.kind[lv][stop];
            afterWalk = false;
            if (kind == ACCESS) {
                reversed.add(new JourneyLeg.Walk(-1, stop, nextStart - access[stop], nextStart, accessMeters[stop]));
                List<JourneyLeg> legs = new ArrayList<>(reversed);
                java.util.Collections.reverse(legs);
                return new Journey(legs);
            } else if (kind == RIDE) {
                int a = st.ptrA[lv][stop];
                int b = st.ptrB[lv][stop];
                int pl = st.ptrLevel[lv][stop];
                JourneyLeg.Ride r = ride(days, snap, a, b);
                reversed.add(r);
                nextStart = r.startSeconds();
                stop = days[a >>> 24].fromStop[a & 0xFFFFFF];
                lv = pl - 1;
            } else if (kind == WALK) {
                int fromStop = st.walkFrom[lv][stop];
                int secs = transferSeconds(fromStop, stop);
                int end = st.arrival[lv][stop];
                reversed.add(new JourneyLeg.Walk(fromStop, stop, end - secs, end, transferMeters(fromStop, stop)));
                if (st.rideTime[lv][fromStop] >= INF) {
                    return null;
                }
                stop = fromStop;
                afterWalk = true;
            } else {
                return null;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ backward (arrive by)

    private List<Journey> backward(JourneyQuery q, RealtimeSnapshot snap, int notBeforeSeconds) {
        final int rides = q.maxTransfers() + 1;
        final int nTrips = tt.tripCount();
        final boolean wc = q.wheelchair();
        State st = state.get();
        st.reset(rides, NEG_INF);
        DayConnections[] days = days(q.date(), snap);
        Footpaths fp = network.footpaths();
        WalkSettings walk = network.walk();
        Endpoints ends = endpoints(q);
        int[] access = ends.access();
        int[] egress = ends.egress();
        final int tEnd = q.timeSeconds();
        for (int s = 0; s < egress.length; s++) {
            if (egress[s] >= 0) {
                for (int j = 0; j <= rides; j++) {
                    st.arrival[j][s] = tEnd - egress[s];
                    st.kind[j][s] = ACCESS;
                }
            }
        }
        int[] best = new int[rides + 1];
        int[] bestEnter = new int[rides + 1];
        int[] bestExit = new int[rides + 1];
        int[] bestLevel = new int[rides + 1];
        Arrays.fill(best, NEG_INF);
        int[] pos = new int[3];
        for (int k = 0; k < 3; k++) {
            pos[k] = days[k].lastArrivingAtOrBefore(tEnd - OFFSETS[k]);
        }
        final int horizon = Math.max(tEnd - walk.searchWindowSeconds(), notBeforeSeconds);
        final int slack = walk.alternativeSlackSeconds();
        int bestAll = NEG_INF;
        int stopAt = horizon;
        while (true) {
            int k = -1;
            int ta = NEG_INF;
            for (int x = 0; x < 3; x++) {
                if (pos[x] >= 0) {
                    int v = days[x].arrival[days[x].byArrival[pos[x]]] + OFFSETS[x];
                    if (v > ta) {
                        ta = v;
                        k = x;
                    }
                }
            }
            if (k < 0 || ta < stopAt) {
                break;
            }
            DayConnections dc = days[k];
            int c = dc.byArrival[pos[k]--];
            int trip = dc.trip[c];
            if (!tripUsable(trip, wc)) {
                continue;
            }
            int ti = k * nTrips + trip;
            int to = dc.toStop[c];
            if (dc.canAlight[c] && stopUsable(to, wc)) {
                for (int j = 0; j < rides; j++) {
                    if (st.arrival[j][to] >= ta) {
                        if (j + 1 < st.tripLevel[ti]) {
                            st.tripLevel[ti] = j + 1;
                            st.tripConnection[ti] = (k << 24) | c;
                        }
                        break;
                    }
                }
            }
            int kt = st.tripLevel[ti];
            if (kt == INF) {
                continue;
            }
            int from = dc.fromStop[c];
            if (!dc.canBoard[c] || !stopUsable(from, wc)) {
                continue;
            }
            int td = dc.departure[c] + OFFSETS[k];
            int code = (k << 24) | c;
            if (relaxRide(st, kt, rides, from, td, BACKWARD, code, st.tripConnection[ti])) {
                relaxFootpaths(st, fp, kt, rides, from, td, BACKWARD);
            }
            if (access[from] >= 0) {
                int tdep = td - access[from];
                relaxBest(best, bestEnter, bestExit, bestLevel, kt, rides, tdep, BACKWARD, code, st.tripConnection[ti]);
                if (tdep > bestAll) {
                    bestAll = tdep;
                }
                stopAt = Math.max(horizon, Math.max(best[1], bestAll - slack));
            }
        }
        List<Journey> candidates = new ArrayList<>();
        for (int j = 1; j <= rides; j++) {
            if (best[j] > NEG_INF && best[j] >= bestAll - slack && (j == 1 || best[j] > best[j - 1])) {
                Journey journey = buildBackward(st, days, snap, bestEnter[j], bestExit[j], bestLevel[j], ends);
                if (journey != null) {
                    candidates.add(journey);
                }
            }
        }
        directWalk(q).ifPresent(candidates::add);
        return pareto(candidates, true);
    }

    private Journey buildBackward(State st, DayConnections[] days, RealtimeSnapshot snap, int enter, int exit, int tripLevel,
                                  Endpoints ends) {
        int[] access = ends.access();
        int[] accessMeters = ends.accessMeters();
        int[] egress = ends.egress();
        int[] egressMeters = ends.egressMeters();
        List<JourneyLeg> legs = new ArrayList<>();
        JourneyLeg.Ride first = ride(days, snap, enter, exit);
        int firstStop = days[enter >>> 24].fromStop[enter & 0xFFFFFF];
        legs.add(new JourneyLeg.Walk(-1, firstStop, first.startSeconds() - access[firstStop], first.startSeconds(), accessMeters[firstStop]));
        legs.add(first);
        int stop = days[exit >>> 24].toStop[exit & 0xFFFFFF];
        int prevEnd = first.endSeconds();
        // level of the remaining journey: the trip level minus one
        int lv = tripLevel - 1;
        boolean afterWalk = false;
        for (int guard = 0; guard < 64; guard++) {
            if (lv < 0) {
                return null;
            }
            byte kind = afterWalk ? RIDE : st.kind[lv][stop];
            afterWalk = false;
            if (kind == ACCESS) {
                legs.add(new JourneyLeg.Walk(stop, -1, prevEnd, prevEnd + egress[stop], egressMeters[stop]));
                return new Journey(legs);
            } else if (kind == RIDE) {
                int a = st.ptrA[lv][stop];
                int b = st.ptrB[lv][stop];
                int pl = st.ptrLevel[lv][stop];
                JourneyLeg.Ride r = ride(days, snap, a, b);
                legs.add(r);
                prevEnd = r.endSeconds();
                stop = days[b >>> 24].toStop[b & 0xFFFFFF];
                lv = pl - 1;
            } else if (kind == WALK) {
                int toStop = st.walkFrom[lv][stop];
                int secs = transferSeconds(stop, toStop);
                legs.add(new JourneyLeg.Walk(stop, toStop, prevEnd, prevEnd + secs, transferMeters(stop, toStop)));
                prevEnd += secs;
                if (st.rideTime[lv][toStop] <= NEG_INF) {
                    return null;
                }
                stop = toStop;
                afterWalk = true;
            } else {
                return null;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    /** Scan direction: {@code FORWARD} (earlier is better, footpaths add time), {@code BACKWARD} (later is better). */
    private static final int FORWARD = 1;
    private static final int BACKWARD = -1;

    /** Walking from the query's origin (access) and to its destination (egress): seconds per stop or -1, and metres. */
    private record Endpoints(int[] access, int[] accessMeters, int[] egress, int[] egressMeters) {}

    private Endpoints endpoints(JourneyQuery q) {
        int[] accessMeters = new int[tt.stopCount()];
        int[] egressMeters = new int[tt.stopCount()];
        int[] access = walkTimes(q.fromLat(), q.fromLon(), q.maxWalkMeters(), q.wheelchair(), accessMeters);
        int[] egress = walkTimes(q.toLat(), q.toLon(), q.maxWalkMeters(), q.wheelchair(), egressMeters);
        return new Endpoints(access, accessMeters, egress, egressMeters);
    }

    /** The walk-only journey when origin and destination are within walking distance. */
    private java.util.Optional<Journey> directWalk(JourneyQuery q) {
        WalkSettings walk = network.walk();
        double direct = Geo.distanceMeters(q.fromLat(), q.fromLon(), q.toLat(), q.toLon());
        if (direct * walk.detourFactor() > q.maxWalkMeters()) {
            return java.util.Optional.empty();
        }
        int secs = walk.walkSeconds(direct);
        int start = q.arriveBy() ? q.timeSeconds() - secs : q.timeSeconds();
        return java.util.Optional.of(new Journey(List.of(new JourneyLeg.Walk(-1, -1, start, start + secs, (int) Math.round(direct)))));
    }

    /** Ride label at {@code stop} for levels kt..rides (stops at the first level not improved); true when one improved. */
    private static boolean relaxRide(State st, int kt, int rides, int stop, int t, int dir, int ptrA, int ptrB) {
        boolean improved = false;
        for (int j = kt; j <= rides && dir * t < dir * st.rideTime[j][stop]; j++) {
            st.rideTime[j][stop] = t;
            st.ptrA[j][stop] = ptrA;
            st.ptrB[j][stop] = ptrB;
            st.ptrLevel[j][stop] = kt;
            improved = true;
        }
        if (improved) {
            for (int j = kt; j <= rides && dir * t < dir * st.arrival[j][stop]; j++) {
                st.arrival[j][stop] = t;
                st.kind[j][stop] = RIDE;
            }
        }
        return improved;
    }

    /** Footpaths leave from every improved ride label, even when the stop was reached earlier (later) on foot. */
    private static void relaxFootpaths(State st, Footpaths fp, int kt, int rides, int stop, int t, int dir) {
        for (int f = fp.first[stop]; f < fp.first[stop + 1]; f++) {
            int s2 = fp.target[f];
            int t2 = t + dir * fp.seconds[f];
            for (int j = kt; j <= rides && dir * t2 < dir * st.arrival[j][s2]; j++) {
                st.arrival[j][s2] = t2;
                st.kind[j][s2] = WALK;
                st.walkFrom[j][s2] = stop;
            }
        }
    }

    private static void relaxBest(int[] best, int[] bestEnter, int[] bestExit, int[] bestLevel, int kt, int rides, int t, int dir,
                                  int enter, int exit) {
        for (int j = kt; j <= rides && dir * t < dir * best[j]; j++) {
            best[j] = t;
            bestEnter[j] = enter;
            bestExit[j] = exit;
            bestLevel[j] = kt;
        }
    }

    private JourneyLeg.Ride ride(DayConnections[] days, RealtimeSnapshot snap, int enter, int exit) {
        int k = enter >>> 24;
        DayConnections dc = days[k];
        int e = enter & 0xFFFFFF;
        int x = exit & 0xFFFFFF;
        int trip = dc.trip[e];
        int board = dc.position[e];
        int alight = days[exit >>> 24].position[x] + 1;
        TripRealtime rt = snap.get(trip, dc.serviceDate);
        int depDelay = rt == null ? 0 : rt.departureDelaySeconds(board);
        int arrDelay = rt == null ? 0 : rt.arrivalDelaySeconds(alight);
        return new JourneyLeg.Ride(trip, dc.serviceDate, OFFSETS[k], board, alight,
                dc.departure[e] + OFFSETS[k], days[exit >>> 24].arrival[x] + OFFSETS[exit >>> 24], depDelay, arrDelay);
    }

    private int transferSeconds(int a, int b) {
        Footpaths fp = network.footpaths();
        for (int f = fp.first[a]; f < fp.first[a + 1]; f++) {
            if (fp.target[f] == b) {
                return fp.seconds[f];
            }
        }
        return 0;
    }

    private int transferMeters(int a, int b) {
        Footpaths fp = network.footpaths();
        for (int f = fp.first[a]; f < fp.first[a + 1]; f++) {
            if (fp.target[f] == b) {
                return fp.meters[f];
            }
        }
        return 0;
    }

    /** Keeps journeys not dominated in (arrival, rides) — arrive-by: (departure, rides). */
    private static List<Journey> pareto(List<Journey> candidates, boolean arriveBy) {
        List<Journey> sorted = new ArrayList<>(candidates);
        sorted.sort(arriveBy
                ? Comparator.comparingInt(Journey::departureSeconds).reversed().thenComparingInt(Journey::rides)
                : Comparator.comparingInt(Journey::arrivalSeconds).thenComparingInt(Journey::rides));
        List<Journey> out = new ArrayList<>();
        int minRides = Integer.MAX_VALUE;
        for (Journey j : sorted) {
            if (j.rides() < minRides) {
                out.add(j);
                minRides = j.rides();
            }
        }
        return out;
    }

    /** Per-thread scan state, reset per query. */
    private static final class State {
        final int[][] arrival;
        /** Arrival by a ride (forward) / departure by a ride (arrive-by), with its pointers ptrA/ptrB/ptrLevel. */
        final int[][] rideTime;
        final int[][] walkFrom;
        final byte[][] kind;
        final int[][] ptrA;
        final int[][] ptrB;
        final int[][] ptrLevel;
        final int[] tripLevel;
        final int[] tripConnection;

        State(int levels, int stops, int tripInstances) {
            arrival = new int[levels][stops];
            rideTime = new int[levels][stops];
            walkFrom = new int[levels][stops];
            kind = new byte[levels][stops];
            ptrA = new int[levels][stops];
            ptrB = new int[levels][stops];
            ptrLevel = new int[levels][stops];
            tripLevel = new int[tripInstances];
            tripConnection = new int[tripInstances];
        }

        void reset(int rides, int init) {
            for (int j = 0; j <= rides; j++) {
                Arrays.fill(arrival[j], init);
                Arrays.fill(rideTime[j], init);
                Arrays.fill(kind[j], (byte) 0);
            }
            Arrays.fill(tripLevel, INF);
        }
    }
}
