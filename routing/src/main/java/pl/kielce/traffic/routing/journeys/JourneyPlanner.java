package pl.kielce.traffic.routing.journeys;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import pl.kielce.traffic.routing.transit.model.Timetable;
import pl.kielce.traffic.routing.transit.scan.ConnectionScanRouter;
import pl.kielce.traffic.routing.transit.scan.Journey;
import pl.kielce.traffic.routing.transit.scan.JourneyLeg;
import pl.kielce.traffic.routing.transit.scan.JourneyQuery;

/** Answers journey questions: validates, runs the connection scan, and dresses the result with names and geometry. */
public final class JourneyPlanner {
    private static final int SHORT_WALK_METERS = 60;
    private final ConnectionScanRouter router;
    private final StreetWalks streets;
    private final Timetable tt;
    private final ZoneId zone;
    private final LocalDate firstDate;
    private final LocalDate lastDate;
    private final java.util.concurrent.ConcurrentHashMap<Long, java.util.Optional<StreetWalks.WalkPath>> transferPaths =
            new java.util.concurrent.ConcurrentHashMap<>();

    public JourneyPlanner(ConnectionScanRouter router, StreetWalks streets) {
        this.router = Objects.requireNonNull(router);
        this.streets = Objects.requireNonNull(streets);
        this.tt = router.network().timetable();
        this.zone = tt.zone;
        this.firstDate = tt.firstServiceDate();
        this.lastDate = tt.lastServiceDate();
    }

    public ZoneId zone() {
        return zone;
    }

    public Timetable timetable() {
        return tt;
    }

    public JourneyPlan plan(JourneyRequest r) {
        if (r.maxTransfers() < 0 || r.maxTransfers() > JourneyQuery.MAX_TRANSFERS_LIMIT) {
            throw new InvalidParameterException("maxTransfers", "maxTransfers must be between 0 and " + JourneyQuery.MAX_TRANSFERS_LIMIT);
        }
        if (r.maxWalkMeters() < 0 || r.maxWalkMeters() > 5000) {
            throw new InvalidParameterException("maxWalkMeters", "maxWalkMeters must be between 0 and 5000");
        }
        if (r.limit() < 1 || r.limit() > 10) {
            throw new InvalidParameterException("limit", "limit must be between 1 and 10");
        }
        String timeParam = r.arriveBy() ? "arrival" : "departure";
        LocalDate date = r.time().toLocalDate();
        if (firstDate != null && (date.isBefore(firstDate.minusDays(1)) || date.isAfter(lastDate))) {
            throw new OutsideNetworkException(timeParam, "the timetable covers " + firstDate + " to " + lastDate + "; "
                    + timeParam + " " + r.time() + " is outside it");
        }
        if (!streets.covers(r.from())) {
            throw new OutsideNetworkException("from", "from " + r.from().lat() + "," + r.from().lon() + " is outside the street network");
        }
        if (!streets.covers(r.to())) {
            throw new OutsideNetworkException("to", "to " + r.to().lat() + "," + r.to().lon() + " is outside the street network");
        }
        JourneyQuery q = new JourneyQuery(r.from().lat(), r.from().lon(), r.to().lat(), r.to().lon(), date,
                r.time().toLocalTime().toSecondOfDay(), r.arriveBy(), r.maxTransfers(), r.maxWalkMeters(), r.wheelchair(), r.limit());
        List<Journey> journeys = router.route(q);
        List<Itinerary> out = new ArrayList<>(journeys.size());
        for (Journey j : journeys) {
            out.add(toItinerary(j, r, date));
        }
        return new JourneyPlan(zone.getId(), router.network().realtime().version(), out);
    }

    /** Plan without names/geometry: the raw journeys (used by the evaluation and benchmarks). */
    public List<Journey> journeys(JourneyRequest r) {
        LocalDate date = r.time().toLocalDate();
        return router.route(new JourneyQuery(r.from().lat(), r.from().lon(), r.to().lat(), r.to().lon(), date,
                r.time().toLocalTime().toSecondOfDay(), r.arriveBy(), r.maxTransfers(), r.maxWalkMeters(), r.wheelchair(), r.limit()));
    }

    public OffsetDateTime at(LocalDate date, int seconds) {
        // GTFS: times are measured from "noon minus 12 h" of the service date
        return date.atTime(12, 0).atZone(zone).minusHours(12).plusSeconds(seconds).toOffsetDateTime();
    }

    private Itinerary toItinerary(Journey j, JourneyRequest r, LocalDate date) {
        List<Itinerary.Leg> legs = new ArrayList<>();
        for (JourneyLeg leg : j.legs()) {
            if (leg instanceof JourneyLeg.Walk w) {
                Itinerary.Place from = w.fromStop() < 0 ? new Itinerary.Place("origin", null, r.from().lat(), r.from().lon()) : place(w.fromStop());
                Itinerary.Place to = w.toStop() < 0 ? new Itinerary.Place("destination", null, r.to().lat(), r.to().lon()) : place(w.toStop());
                if (w.toStop() < 0 && w.fromStop() < 0) {
                    from = new Itinerary.Place("origin", null, r.from().lat(), r.from().lon());
                }
                int meters = w.distanceMeters();
                List<double[]> line = List.of(new double[]{from.lon(), from.lat()}, new double[]{to.lon(), to.lat()});
                // short walks (platform changes) are drawn straight; longer ones follow the streets
                if (meters > SHORT_WALK_METERS) {
                    var path = w.fromStop() >= 0 && w.toStop() >= 0
                            ? transferPath(w.fromStop(), w.toStop())
                            : streets.walk(new LatLon(from.lat(), from.lon()), new LatLon(to.lat(), to.lon()));
                    if (path.isPresent() && !path.get().lonLat().isEmpty()) {
                        line = path.get().lonLat();
                    }
                }
                legs.add(new Itinerary.Leg("WALK", at(date, w.startSeconds()), at(date, w.endSeconds()),
                        w.endSeconds() - w.startSeconds(), from, to, meters, null, null, null, null, null, null,
                        Itinerary.Geometry.lineString(line)));
            } else if (leg instanceof JourneyLeg.Ride ride) {
                int base = tt.tripFirstStopTime[ride.trip()];
                List<Itinerary.Place> mid = new ArrayList<>();
                List<double[]> line = new ArrayList<>();
                for (int p = ride.boardPosition(); p <= ride.alightPosition(); p++) {
                    int s = tt.stopTimeStop[base + p];
                    line.add(new double[]{tt.stopLon[s], tt.stopLat[s]});
                    if (p > ride.boardPosition() && p < ride.alightPosition()) {
                        mid.add(place(s));
                    }
                }
                int route = tt.tripRoute[ride.trip()];
                legs.add(new Itinerary.Leg(mode(tt.routeType[route]), at(date, ride.startSeconds()), at(date, ride.endSeconds()),
                        ride.endSeconds() - ride.startSeconds(),
                        place(tt.stopTimeStop[base + ride.boardPosition()]), place(tt.stopTimeStop[base + ride.alightPosition()]),
                        null, tt.routeShortName[route], tt.tripHeadsign[ride.trip()], tt.tripId[ride.trip()],
                        ride.departureDelaySeconds(), ride.arrivalDelaySeconds(), mid, Itinerary.Geometry.lineString(line)));
            }
        }
        return new Itinerary(at(date, j.departureSeconds()), at(date, j.arrivalSeconds()),
                j.arrivalSeconds() - j.departureSeconds(), j.transfers(), j.walkMeters(), legs);
    }

    /** Street paths between two stops (transfers) do not change: kept once computed. */
    private java.util.Optional<StreetWalks.WalkPath> transferPath(int fromStop, int toStop) {
        long key = ((long) fromStop << 32) | toStop;
        var cached = transferPaths.get(key);
        if (cached != null) {
            return cached;
        }
        var path = streets.walk(new LatLon(tt.stopLat[fromStop], tt.stopLon[fromStop]), new LatLon(tt.stopLat[toStop], tt.stopLon[toStop]));
        if (transferPaths.size() < 200_000) {
            transferPaths.put(key, path);
        }
        return path;
    }

    private Itinerary.Place place(int stop) {
        return new Itinerary.Place(tt.stopName[stop], tt.stopId[stop], tt.stopLat[stop], tt.stopLon[stop]);
    }

    static String mode(int routeType) {
        return switch (routeType) {
            case 0, 900, 901, 902, 903, 904, 905, 906 -> "TRAM";
            case 1, 400, 401, 402 -> "SUBWAY";
            case 2, 100, 101, 102, 103, 106, 109 -> "RAIL";
            case 3, 700, 701, 702, 704, 715 -> "BUS";
            case 4, 1000, 1200 -> "FERRY";
            case 5, 6, 7, 12 -> "CABLE";
            case 11, 800 -> "TROLLEYBUS";
            default -> routeType >= 100 && routeType < 200 ? "RAIL" : routeType >= 700 && routeType < 800 ? "BUS" : "TRANSIT";
        };
    }
}
