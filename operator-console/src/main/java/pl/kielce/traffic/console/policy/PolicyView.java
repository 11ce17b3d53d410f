package pl.kielce.traffic.console.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import pl.kielce.traffic.console.map.CityPack;
import pl.kielce.traffic.console.web.BadInput;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.Requirement;
import pl.kielce.traffic.ctz.policy.Stage;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The city's policy (loaded with zone-policy's {@link PolicyPacks} from {@code console.city-dir}) as a rules
 * table, and the what-if of a stage over the plate-free aggregates the enforcement job keeps
 * ({@code ctz_decision_counts}).
 */
@Service
public class PolicyView {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyView.class);
    private final CityPack city;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Policy policy;
    private volatile String loadProblem;

    PolicyView(CityPack city, JdbcTemplate jdbc, Clock clock) {
        this.city = city;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The policy, or empty (with {@link #loadProblem()}) when the pack is missing or invalid. */
    public synchronized Optional<Policy> policy() {
        if (policy == null && loadProblem == null) {
            try {
                policy = PolicyPacks.load(city.dir());
            } catch (RuntimeException e) {
                loadProblem = e.getMessage();
                LOG.warn("no policy from {}: {}", city.dir(), e.getMessage());
            }
        }
        return Optional.ofNullable(policy);
    }

    public String loadProblem() {
        return loadProblem;
    }

    public Map<String, List<String>> stagesByZone() {
        Map<String, List<String>> out = new TreeMap<>();
        policy().ifPresent(p -> p.stages().forEach(s -> s.zoneIds().forEach(z -> out.computeIfAbsent(z, k -> new ArrayList<>()).add(s.id()))));
        return out;
    }

    /** The stage in force today, or null. */
    public String currentStage() {
        return policy().flatMap(p -> p.stageOn(LocalDate.now(clock.withZone(p.timeZone())))).map(Stage::id).orElse(null);
    }

    /** The first stage that starts after today, or the last one. */
    public String nextStage() {
        return policy().map(p -> {
            LocalDate today = LocalDate.now(clock.withZone(p.timeZone()));
            return p.stages().stream().filter(s -> s.validFrom().isAfter(today)).findFirst()
                    .orElse(p.stages().get(p.stages().size() - 1)).id();
        }).orElse(null);
    }

    /** One cell of the aggregates. */
    record Cell(String cameraId, Instant hour, String category, String fuel, String euro, long passages) {
    }

    /** The what-if answer. */
    public record WhatIf(String stageId, Instant from, Instant to, long passagesConsidered, long affected,
                         long uncertain, Map<String, Long> affectedByCamera, Map<Integer, Long> affectedByHour,
                         Map<String, Long> affectedByVehicle, String note) {
    }

    /**
     * Vehicles that {@code stageId}'s rules would refuse, among passages counted in [from, to). The aggregates know
     * category, fuel and Euro norm but not the year: a known norm below the minimum counts as affected, an unknown
     * norm or category as {@code uncertain}.
     */
    public WhatIf whatIf(String stageId, Instant from, Instant to) {
        Policy p = policy().orElseThrow(() -> new BadInput("stage", "no policy loaded: " + loadProblem));
        if (!p.stageIds().contains(stageId)) {
            throw new BadInput("stage", "stage must be one of " + p.stageIds() + ", was '" + stageId + "'");
        }
        Stage stage = p.stage(stageId);
        List<Cell> cells = jdbc.query("SELECT camera_id, hour_start, category, fuel, euro_norm, sum(passages)"
                        + " FROM ctz_decision_counts WHERE hour_start >= ? AND hour_start < ?"
                        + " GROUP BY camera_id, hour_start, category, fuel, euro_norm",
                (rs, i) -> new Cell(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)), Timestamp.from(from), Timestamp.from(to));
        long total = 0, affected = 0, uncertain = 0;
        Map<String, Long> byCamera = new TreeMap<>();
        Map<Integer, Long> byHour = new TreeMap<>();
        Map<String, Long> byVehicle = new TreeMap<>();
        for (Cell c : cells) {
            total += c.passages();
            int verdict = verdict(stage, c);
            if (verdict == Requirement.NO) {
                affected += c.passages();
                byCamera.merge(c.cameraId(), c.passages(), Long::sum);
                byHour.merge(c.hour().atZone(p.timeZone()).getHour(), c.passages(), Long::sum);
                byVehicle.merge(c.category() + " · " + c.fuel() + " · " + c.euro(), c.passages(), Long::sum);
            } else if (verdict == Requirement.UNKNOWN) {
                uncertain += c.passages();
            }
        }
        return new WhatIf(stageId, from, to, total, affected, uncertain, byCamera, byHour, byVehicle,
                "From plate-free hourly aggregates. Exemptions (residents, permits, cards) are not in the aggregates, "
                        + "so 'affected' is an upper bound. The aggregates carry the Euro norm but no year: a norm below the minimum counts as "
                        + "affected (a few such vehicles may still qualify by year); 'uncertain' = Euro norm or category unknown.");
    }

    /** NO = the stage refuses this vehicle, YES = allowed, UNKNOWN = a needed fact is missing. */
    static int verdict(Stage stage, Cell c) {
        VehicleFacts v = new VehicleFacts(VehicleCategory.parse(c.category()).orElse(null), Fuel.parse(c.fuel()).orElse(null),
                EuroNorm.parse(c.euro()).orElse(null), 0, null, 0, false, null);
        int result = Requirement.YES;
        for (Requirement r : stage.requirements()) {
            int covers = r.covers(v);
            if (covers == Requirement.NO) {
                continue;
            }
            int ok = r.satisfiedBy(v);
            if (ok == Requirement.UNKNOWN && v.euroNorm() != null && r.minEuro() != null && !v.euroNorm().atLeast(r.minEuro())) {
                // aggregates carry no year; a known Euro norm below the minimum is taken as refused (norms follow years)
                ok = Requirement.NO;
            }
            if (covers == Requirement.YES && ok == Requirement.NO) {
                return Requirement.NO;
            }
            if (ok != Requirement.YES) {
                result = Requirement.UNKNOWN;
            }
        }
        return result;
    }

    /** Rows of the rules table. */
    public record Rule(String stageId, String stageName, LocalDate validFrom, LocalDate validTo, String zones,
                       String requirementId, String description) {
    }

    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        policy().ifPresent(p -> {
            for (Stage s : p.stages()) {
                for (Requirement r : s.requirements()) {
                    out.add(new Rule(s.id(), s.name(), s.validFrom(), s.validTo(), String.join(", ", s.zoneIds()), r.id(), r.describe()));
                }
            }
        });
        return out;
    }

    /** Exemptions: id → label, legal basis and conditions. */
    public Map<String, String[]> exemptions() {
        Map<String, String[]> out = new LinkedHashMap<>();
        policy().ifPresent(p -> p.exemptionRules().forEach(e -> out.put(e.id(),
                new String[]{e.label(), e.legalBasis() == null ? "" : e.legalBasis(), e.describe()})));
        return out;
    }
}
