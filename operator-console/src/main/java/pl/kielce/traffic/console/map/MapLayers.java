package pl.kielce.traffic.console.map;

import org.springframework.stereotype.Component;
import pl.kielce.traffic.console.counts.PassageCounts;
import pl.kielce.traffic.console.policy.PolicyView;
import pl.kielce.traffic.console.signals.SignalPlans;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** GeoJSON layers of the live map, with live facts merged into the city pack's features. */
@Component
public class MapLayers {
    private final CityPack city;
    private final PassageCounts counts;
    private final SignalPlans plans;
    private final TransitVehicles vehicles;
    private final PolicyView policy;
    private final IntersectionFlows flows;
    private final ObjectMapper json;
    private final Clock clock;

    MapLayers(CityPack city, PassageCounts counts, SignalPlans plans, TransitVehicles vehicles, PolicyView policy,
              IntersectionFlows flows, ObjectMapper json, Clock clock) {
        this.flows = flows;
        this.city = city;
        this.counts = counts;
        this.plans = plans;
        this.vehicles = vehicles;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    /** Zones, each with the stages that apply in it ({@code stages}) from the policy. */
    public JsonNode zones() {
        JsonNode fc = city.zones();
        Map<String, List<String>> stagesByZone = policy.stagesByZone();
        for (JsonNode f : fc.path("features")) {
            if (f.path("properties") instanceof ObjectNode p) {
                String id = p.path("id").asString("");
                ArrayNode arr = p.putArray("stages");
                stagesByZone.getOrDefault(id, List.of()).forEach(arr::add);
            }
        }
        return fc;
    }

    /** Cameras with their passages in the last hour ({@code passagesLastHour}) and last window end. */
    public JsonNode cameras() {
        JsonNode fc = city.cameras();
        Instant now = clock.instant();
        Map<String, PassageCounts.Total> totals = new HashMap<>();
        counts.totals(now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(5))).forEach(t -> totals.put(t.cameraId(), t));
        for (JsonNode f : fc.path("features")) {
            if (f.path("properties") instanceof ObjectNode p) {
                PassageCounts.Total t = totals.get(p.path("id").asString(""));
                p.put("passagesLastHour", t == null ? 0 : t.passages());
                if (t != null) {
                    p.put("lastWindowEnd", t.lastWindowEnd().toString());
                }
            }
        }
        return fc;
    }

    /**
     * Intersections (points of {@code intersections.geojson}, exported from the city's {@code intersections.xml}) with
     * the plan in force ({@code plan}: what the signal-timing job reported as in force with its newest pending proposal
     * when that came after the latest approval, else the latest approved plan, else the city data's shipped plan;
     * {@code plan.source} says which), the newest pending
     * proposal ({@code proposal}, {@code proposalsWaiting}) and the latest per-approach flows from {@code traffic_flows}
     * ({@code flows}, {@code maxDegreeOfSaturation}, {@code flowsAt}). Corridor lines pass through unchanged.
     */
    public JsonNode intersections() {
        JsonNode fc = city.intersections();
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, SignalPlans.Plan> newestProposal = new HashMap<>();
        for (SignalPlans.Plan p : plans.byStatus("PROPOSED")) {   // newest first per intersection
            waiting.merge(p.intersectionId(), 1, Integer::sum);
            newestProposal.putIfAbsent(p.intersectionId(), p);
        }
        Map<String, SignalPlans.Plan> approvedPlans = new HashMap<>();
        for (SignalPlans.Plan p : plans.byStatus("APPROVED")) {
            approvedPlans.merge(p.intersectionId(), p, (a, b) -> a.decidedAt().isAfter(b.decidedAt()) ? a : b);
        }
        Map<String, List<IntersectionFlows.ApproachFlow>> flows = this.flows.latest();
        for (JsonNode f : fc.path("features")) {
            if (!(f.path("properties") instanceof ObjectNode p) || "corridor".equals(p.path("kind").asString(""))) {
                continue;
            }
            String id = p.path("id").asString(f.path("id").asString(""));
            SignalPlans.Plan proposal = newestProposal.get(id);
            SignalPlans.Plan approved = approvedPlans.get(id);
            // the job's word is newer than the console's approval when its proposal came after it: the approval may have
            // been refused by the job, or belong to an earlier run of it
            boolean jobIsNewer = proposal != null && proposal.current() != null
                    && (approved == null || proposal.receivedAt().isAfter(approved.decidedAt()));
            if (jobIsNewer) {
                p.set("plan", planSummary(proposal.current(), "signal-timing"));
            } else if (approved != null) {
                p.set("plan", planSummary(approved.proposed(), "approved"));
            } else if (p.path("shippedPlan").isObject()) {
                p.set("plan", planSummary(p.get("shippedPlan"), "shipped"));
            }
            p.put("proposalsWaiting", waiting.getOrDefault(id, 0));
            if (proposal != null) {
                ObjectNode pr = planSummary(proposal.proposed(), "proposed");
                pr.put("planId", proposal.planId());
                pr.put("receivedAt", proposal.receivedAt().toString());
                if (proposal.expectedDelayChangePct() != null) {
                    pr.put("expectedDelayChangePercent", Math.round(proposal.expectedDelayChangePct() * 10) / 10.0);
                }
                if (proposal.proposed().path("oversaturated").isBoolean()) {
                    pr.put("oversaturated", proposal.proposed().get("oversaturated").asBoolean());
                }
                p.set("proposal", pr);
            }
            ArrayNode arr = p.putArray("flows");
            Double maxX = null;
            Instant latest = null;
            for (IntersectionFlows.ApproachFlow a : flows.getOrDefault(id, List.of())) {
                ObjectNode o = arr.addObject();
                o.put("approach", a.approach());
                o.put("source", a.source());
                o.put("vehicles", a.vehicles());
                o.put("flowVehPerHour", Math.round(a.flowVehPerHour()));
                o.put("capacityVehPerHour", Math.round(a.capacityVehPerHour()));
                o.put("degreeOfSaturation", Math.round(a.degreeOfSaturation() * 100) / 100.0);
                if (a.occupancy() != null) {
                    o.put("occupancy", Math.round(a.occupancy() * 100) / 100.0);
                }
                o.put("intervalStart", a.intervalStart().toString());
                o.put("intervalEnd", a.intervalEnd().toString());
                maxX = maxX == null ? a.degreeOfSaturation() : Math.max(maxX, a.degreeOfSaturation());
                latest = latest == null || a.intervalEnd().isAfter(latest) ? a.intervalEnd() : latest;
            }
            if (maxX != null) {
                p.put("maxDegreeOfSaturation", Math.round(maxX * 100) / 100.0);
                p.put("flowsAt", latest.toString());
            } else {
                p.putNull("maxDegreeOfSaturation");
            }
        }
        return fc;
    }

    /** {@code {source, planId?, cycleSeconds, offsetSeconds, phases: [{id, greenSeconds}]}} of a plan JSON. */
    private ObjectNode planSummary(JsonNode plan, String source) {
        ObjectNode s = json.createObjectNode();
        s.put("source", source);
        if (plan.path("planId").isString()) {
            s.put("planId", plan.get("planId").asString());
        }
        if (plan.path("cycleSeconds").isNumber()) {
            s.put("cycleSeconds", Math.round(plan.get("cycleSeconds").asDouble()));
        }
        if (plan.path("offsetSeconds").isNumber()) {
            s.put("offsetSeconds", Math.round(plan.get("offsetSeconds").asDouble()));
        }
        ArrayNode phases = s.putArray("phases");
        if (plan.path("phases").isArray()) {
            for (JsonNode ph : plan.get("phases")) {
                ObjectNode o = phases.addObject();
                o.put("id", ph.path("id").asString(ph.path("phaseId").asString("?")));
                o.put("greenSeconds", Math.round(ph.path("greenSeconds").asDouble()));
            }
        }
        return s;
    }

    /** Transit vehicles as points with {@code delaySeconds}. */
    public JsonNode vehicles() {
        ObjectNode fc = json.createObjectNode();
        fc.put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        for (TransitVehicles.Vehicle v : vehicles.current()) {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            ObjectNode g = f.putObject("geometry");
            g.put("type", "Point");
            g.putArray("coordinates").add(v.lon()).add(v.lat());
            ObjectNode p = f.putObject("properties");
            p.put("id", v.vehicleId());
            p.put("routeId", v.routeId());
            p.put("tripId", v.tripId());
            p.put("at", v.at().toString());
            if (v.delaySeconds() != null) {
                p.put("delaySeconds", v.delaySeconds());
            }
        }
        return fc;
    }
}
