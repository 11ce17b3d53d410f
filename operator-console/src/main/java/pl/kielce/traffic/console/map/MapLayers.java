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
    private final ObjectMapper json;
    private final Clock clock;

    MapLayers(CityPack city, PassageCounts counts, SignalPlans plans, TransitVehicles vehicles, PolicyView policy,
              ObjectMapper json, Clock clock) {
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

    /** Intersections with the approved plan in force ({@code plan}) and whether a proposal waits. */
    public JsonNode intersections() {
        JsonNode fc = city.intersections();
        Map<String, Integer> waiting = new HashMap<>();
        plans.byStatus("PROPOSED").forEach(p -> waiting.merge(p.intersectionId(), 1, Integer::sum));
        for (JsonNode f : fc.path("features")) {
            if (f.path("properties") instanceof ObjectNode p) {
                String id = p.path("id").asString(f.path("id").asString(""));
                plans.approvedPlan(id).ifPresent(plan -> p.set("plan", plan));
                p.put("proposalsWaiting", waiting.getOrDefault(id, 0));
            }
        }
        return fc;
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
