package pl.kielce.traffic.routing.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import com.graphhopper.GHResponse;
import com.graphhopper.ResponsePath;
import com.graphhopper.json.Statement;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.JsonFeature;
import com.graphhopper.util.JsonFeatureCollection;

import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.Outcome;
import pl.kielce.traffic.ctz.policy.PassageFacts;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.Stage;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.VehicleRegister;
import pl.kielce.traffic.ctz.policy.Zone;
import pl.kielce.traffic.routing.graph.RoutingGraph;
import pl.kielce.traffic.routing.journeys.InvalidParameterException;
import pl.kielce.traffic.routing.journeys.Itinerary;
import pl.kielce.traffic.routing.journeys.JourneyPlan;
import pl.kielce.traffic.routing.journeys.JourneyRequest;
import pl.kielce.traffic.routing.journeys.LatLon;
import pl.kielce.traffic.routing.journeys.OutsideNetworkException;
import pl.kielce.traffic.routing.street.StreetGraph;

/**
 * May this vehicle drive into the zone around the destination? The zone-policy engine decides (stage in force,
 * requirement row, exemption rules); when the answer is not "allowed", the car is routed around the zone polygon
 * (request-time custom model: priority 0 inside it) to the nearest park-and-ride sites outside the zone, and on
 * by public transport. The plate is only used for the register lookup: never stored, never logged.
 */
public final class AccessChecker {
    /** Time from parking to the platform. */
    static final int PARK_AND_RIDE_MINUTES = 3;
    static final int SITES_LISTED = 3;

    private final Policy policy;
    private final VehicleRegister register;
    private final List<ParkAndRide> sites;
    private final Clock clock;
    private final Map<String, PreparedGeometry> zoneGeometry;

    public AccessChecker(Policy policy, VehicleRegister register, List<ParkAndRide> sites, Clock clock) {
        this.policy = policy;
        this.register = register;
        this.sites = List.copyOf(sites);
        this.clock = clock;
        this.zoneGeometry = new java.util.HashMap<>();
        policy.zones().forEach((id, z) -> zoneGeometry.put(id, PreparedGeometryFactory.prepare(z.geometry())));
    }

    public Policy policy() {
        return policy;
    }

    public AccessCheckResult check(AccessCheckRequest req, RoutingGraph graph) {
        if (req == null) {
            throw new InvalidParameterException("body", "a JSON body with plate or vehicle, time, origin and destination is required");
        }
        ZoneId feedZone = graph.planner().zone();
        LatLon destination = point("destination", req.destination(), true);
        LatLon origin = point("origin", req.origin(), false);
        LocalDateTime start = time(req.time(), feedZone);
        Instant at = start.atZone(feedZone).toInstant();
        VehicleFacts vehicle = vehicle(req);
        if (!graph.streets().covers(destination)) {
            throw new OutsideNetworkException("destination", "destination is outside the street network");
        }
        if (origin != null && !graph.streets().covers(origin)) {
            throw new OutsideNetworkException("origin", "origin is outside the street network");
        }

        List<String> notes = new ArrayList<>();
        Optional<Stage> stage = policy.stageAt(at);
        String zoneId = stage.flatMap(s -> policy.zonesContaining(destination.lon(), destination.lat()).stream()
                .filter(z -> s.zoneIds().contains(z)).findFirst()).orElse(null);
        AccessCheckResult.Decision decision;
        if (stage.isEmpty()) {
            decision = own("ALLOWED", "NO_STAGE_IN_FORCE", null, null, "No stage of " + policy.name() + " is in force on that date.");
        } else if (zoneId == null) {
            decision = own("ALLOWED", "OUTSIDE_ZONE", stage.get().id(), null,
                    "The destination is outside the zone of " + stage.get().id() + ".");
        } else {
            String stageId = stage.get().id();
            String zone = zoneId;
            Optional<String> camera = policy.cameras().keySet().stream().sorted()
                    .filter(c -> policy.cameraZone(c, stageId).map(zone::equals).orElse(false)).findFirst();
            if (camera.isEmpty()) {
                decision = own("REVIEW", "NO_CAMERA_IN_ZONE", stageId, zoneId,
                        "The zone has no camera in the policy pack, so entry cannot be decided here.");
            } else {
                PassageFacts passage = req.plate() != null && !req.plate().isBlank()
                        ? PassageFacts.of(camera.get(), req.plate()) : PassageFacts.anonymous(camera.get());
                var d = policy.decide(passage, vehicle, Exemptions.none(), at);
                decision = new AccessCheckResult.Decision(d.outcome().name(), d.reason().name(), d.policyId(), d.policyVersion(),
                        d.policyIllustrative(), d.stageId(), d.zoneId() != null ? d.zoneId() : zoneId, d.ruleId(), d.exemptionId(),
                        d.explanation());
                notes.add("exemptions that need a register of their own (residents, permits, paid entry) are not checked here");
            }
        }
        boolean allowed = decision.outcome().equals(Outcome.ALLOWED.name()) || decision.outcome().equals(Outcome.EXEMPT.name());
        if (origin == null) {
            notes.add("no origin given: no route");
            return new AccessCheckResult(allowed, decision, null, List.of(), null, notes);
        }
        StreetGraph streets = graph.streets();
        if (allowed || zoneId == null) {
            GHResponse car = streets.drive(origin, destination, null);
            if (car.hasErrors()) {
                notes.add("no car route: " + car.getErrors().get(0).getMessage());
                return new AccessCheckResult(allowed, decision, null, List.of(), null, notes);
            }
            ResponsePath p = car.getBest();
            AccessCheckResult.CarRoute route = carRoute(p, null, "destination");
            Itinerary it = new Itinerary(offset(start, feedZone), offset(start.plusSeconds(p.getTime() / 1000), feedZone),
                    p.getTime() / 1000, 0, 0, List.of(carLeg(p, start, feedZone, origin, "origin", destination, "destination")));
            return new AccessCheckResult(allowed, decision, route, List.of(), it, notes);
        }

        // not allowed: around the zone to park-and-ride, then public transport
        PreparedGeometry zoneGeom = zoneGeometry.get(zoneId);
        if (zoneGeom.contains(point(origin))) {
            notes.add("the origin is inside the zone: leaving it is allowed only by the shortest way; routing ignores the zone near the origin");
        }
        List<ParkAndRide> outside = sites.stream().filter(s -> !zoneGeom.contains(point(new LatLon(s.lat(), s.lon()))))
                .sorted(Comparator.comparingDouble(s -> distance(s, destination))).toList();
        List<AccessCheckResult.Site> listed = outside.stream().limit(SITES_LISTED)
                .map(s -> new AccessCheckResult.Site(s.id(), s.name(), s.lat(), s.lon(), s.capacity(), (int) Math.round(distance(s, destination))))
                .toList();
        if (outside.isEmpty()) {
            notes.add("no park-and-ride site outside the zone in the city data");
            return new AccessCheckResult(false, decision, null, listed, null, notes);
        }
        CustomModel avoid = avoiding(zoneId, policy.zones().get(zoneId));
        for (ParkAndRide site : outside.subList(0, Math.min(SITES_LISTED, outside.size()))) {
            LatLon siteAt = new LatLon(site.lat(), site.lon());
            GHResponse car = streets.drive(origin, siteAt, avoid);
            if (car.hasErrors()) {
                notes.add("no car route around the zone to " + site.name() + ": " + car.getErrors().get(0).getMessage());
                continue;
            }
            ResponsePath p = car.getBest();
            LocalDateTime parked = start.plusSeconds(p.getTime() / 1000);
            LocalDateTime onFoot = parked.plusMinutes(PARK_AND_RIDE_MINUTES);
            List<Itinerary.Leg> legs = new ArrayList<>();
            legs.add(carLeg(p, start, feedZone, origin, "origin", siteAt, site.name()));
            JourneyPlan transit = graph.planner().plan(new JourneyRequest(siteAt, destination, onFoot, false,
                    JourneyRequest.DEFAULT_MAX_TRANSFERS, JourneyRequest.DEFAULT_MAX_WALK_METERS, false, 1));
            int transfers = 0;
            int walk = 0;
            OffsetDateTime arrival = offset(parked, feedZone);
            if (transit.itineraries().isEmpty()) {
                notes.add("no public transport from " + site.name() + " to the destination after " + onFoot);
            } else {
                Itinerary t = transit.itineraries().get(0);
                legs.addAll(t.legs());
                transfers = t.transfers();
                walk = t.walkMeters();
                arrival = t.arrival();
            }
            Itinerary combined = new Itinerary(offset(start, feedZone), arrival,
                    arrival.toEpochSecond() - offset(start, feedZone).toEpochSecond(), transfers, walk, legs);
            return new AccessCheckResult(false, decision, carRoute(p, zoneId, site.name()), listed, combined, notes);
        }
        return new AccessCheckResult(false, decision, null, listed, null, notes);
    }

    /** Request-time custom model: every road inside the zone polygon gets priority 0. */
    static CustomModel avoiding(String zoneId, Zone zone) {
        String area = "zone_" + zoneId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        JsonFeatureCollection areas = new JsonFeatureCollection();
        areas.getFeatures().add(new JsonFeature(area, "Feature", null, zone.geometry(), Map.of()));
        CustomModel cm = new CustomModel();
        cm.setAreas(areas);
        cm.addToPriority(Statement.If("in_" + area, Statement.Op.MULTIPLY, "0"));
        return cm;
    }

    private static AccessCheckResult.CarRoute carRoute(ResponsePath p, String avoids, String to) {
        return new AccessCheckResult.CarRoute(Math.round(p.getDistance()), p.getTime() / 1000, avoids,
                Itinerary.Geometry.lineString(StreetGraph.lonLat(p.getPoints())), to);
    }

    private static Itinerary.Leg carLeg(ResponsePath p, LocalDateTime start, ZoneId zone, LatLon from, String fromName,
                                        LatLon to, String toName) {
        return new Itinerary.Leg("CAR", offset(start, zone), offset(start.plusSeconds(p.getTime() / 1000), zone), p.getTime() / 1000,
                new Itinerary.Place(fromName, null, from.lat(), from.lon()), new Itinerary.Place(toName, null, to.lat(), to.lon()),
                (int) Math.round(p.getDistance()), null, null, null, null, null, null,
                Itinerary.Geometry.lineString(StreetGraph.lonLat(p.getPoints())));
    }

    private AccessCheckResult.Decision own(String outcome, String reason, String stageId, String zoneId, String explanation) {
        return new AccessCheckResult.Decision(outcome, reason, policy.id(), policy.version(), policy.illustrative(), stageId, zoneId,
                null, null, explanation);
    }

    private VehicleFacts vehicle(AccessCheckRequest req) {
        if (req.plate() != null && !req.plate().isBlank()) {
            Optional<VehicleFacts> found;
            try {
                found = register.find(PassageFacts.normalisePlate(req.plate()));
            } catch (RuntimeException e) {
                found = Optional.empty();
            }
            if (found.isPresent() || req.vehicle() == null) {
                return found.orElse(null); // null: not in the register → the policy decides (review, never a violation)
            }
        }
        AccessCheckRequest.Vehicle v = req.vehicle();
        if (v == null) {
            throw new InvalidParameterException("plate", "give a plate or vehicle facts (vehicle.category, vehicle.fuel, vehicle.euroNorm, vehicle.productionYear)");
        }
        VehicleCategory category;
        try {
            category = VehicleCategory.valueOf(String.valueOf(v.category()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("vehicle.category", "vehicle.category must be one of M1, M2, M3, N1, N2, N3, L; got '" + v.category() + "'");
        }
        Fuel fuel = Fuel.parse(v.fuel() == null ? "" : v.fuel())
                .orElseThrow(() -> new InvalidParameterException("vehicle.fuel", "vehicle.fuel must be petrol, diesel, lpg, cng, lng, hybrid, electric or hydrogen; got '" + v.fuel() + "'"));
        EuroNorm euro = v.euroNorm() == null ? null : EuroNorm.parse(v.euroNorm())
                .orElseThrow(() -> new InvalidParameterException("vehicle.euroNorm", "vehicle.euroNorm must look like 'Euro 4' or 'Euro VI'; got '" + v.euroNorm() + "'"));
        int year = v.productionYear() == null ? 0 : v.productionYear();
        if (v.productionYear() != null && (year < 1886 || year > 2100)) {
            throw new InvalidParameterException("vehicle.productionYear", "vehicle.productionYear is not a plausible year: " + year);
        }
        try {
            return VehicleFacts.of(category, fuel, euro, year);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("vehicle", "vehicle: " + e.getMessage());
        }
    }

    private LocalDateTime time(String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return LocalDateTime.now(clock.withZone(zone));
        }
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDateTime();
            } catch (DateTimeParseException e2) {
                throw new InvalidParameterException("time", "time must be an ISO-8601 date-time such as 2016-11-15T08:00:00, got '" + value + "'");
            }
        }
    }

    private static LatLon point(String name, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidParameterException(name, name + " is required as LAT,LON");
            }
            return null;
        }
        try {
            return LatLon.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(name, name + ": " + e.getMessage());
        }
    }

    private static final GeometryFactory GF = new GeometryFactory();

    private static Geometry point(LatLon p) {
        return GF.createPoint(new Coordinate(p.lon(), p.lat()));
    }

    private static double distance(ParkAndRide s, LatLon p) {
        return pl.kielce.traffic.routing.transit.scan.Geo.distanceMeters(s.lat(), s.lon(), p.lat(), p.lon());
    }

    private static OffsetDateTime offset(LocalDateTime t, ZoneId zone) {
        return t.atZone(zone).toOffsetDateTime();
    }
}
