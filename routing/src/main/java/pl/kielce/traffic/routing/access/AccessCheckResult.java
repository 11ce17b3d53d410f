package pl.kielce.traffic.routing.access;

import java.util.List;

import pl.kielce.traffic.routing.journeys.Itinerary;

/**
 * The answer: the zone decision (outcome, stage, rule, explanation), and the way to go — by car straight to the
 * destination when allowed, else a car route around the zone to the nearest park-and-ride sites and on by
 * public transport.
 */
public record AccessCheckResult(boolean allowed, Decision decision, CarRoute carRoute, List<Site> parkAndRide,
                                Itinerary itinerary, List<String> notes) {

    public record Decision(String outcome, String reason, String policyId, String policyVersion, boolean illustrative,
                           String stageId, String zoneId, String ruleId, String exemptionId, String explanation) {
    }

    public record CarRoute(double distanceMeters, long durationSeconds, String avoidsZone, Itinerary.Geometry geometry,
                           String to) {
    }

    public record Site(String id, String name, double lat, double lon, Integer capacity, int distanceToDestinationMeters) {
    }
}
