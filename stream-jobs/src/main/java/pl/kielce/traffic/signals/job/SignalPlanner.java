package pl.kielce.traffic.signals.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import pl.kielce.traffic.signals.city.CityIntersections.Corridor;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Step;
import pl.kielce.traffic.signals.timing.SignalTimingOptimiser;
import pl.kielce.traffic.signals.timing.SignalTimingOptimiser.MovementLoad;
import pl.kielce.traffic.signals.timing.TimingPlan;
import pl.kielce.traffic.signals.timing.TimingSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides, for one coordination group (a corridor, or a single intersection) and one completed flow interval, whether
 * to propose new plans. Pure: the optimiser ({@link SignalTimingOptimiser}, the same code as
 * {@code ./traffic signals optimize}) and arithmetic, no I/O, no clock.
 *
 * <ol>
 *   <li><b>Cycle.</b> A single intersection: the optimiser's own minimum-delay cycle search. A corridor: one common
 *       cycle for every member with flows — each candidate cycle in the intersection of the members' bounds (step
 *       {@link SignalJobSettings#corridorCycleStepSeconds()}) is optimised at every member with that cycle fixed,
 *       and the cycle with the least vehicle-weighted delay summed over the members wins.</li>
 *   <li><b>Oversaturation.</b> When the minimum-delay choice leaves a movement at degree of saturation ≥ 1, the
 *       candidate cycles are compared by demand they cannot serve (Σ max(0, q − s·g/C)) first and delay second
 *       (strategy {@code max-throughput}): queues that grow whatever the plan are kept as small as the constraints
 *       allow. The proposal says so ({@code oversaturated}, the movements, the unserved demand).</li>
 *   <li><b>Offsets.</b> Along a corridor (intersections in driving order) the start of step 0 — by convention of the
 *       city data the coordinated main-road stage — is delayed by the travel time at the corridor's progression
 *       speed from the first intersection, from the first intersection's offset in force: a green wave.</li>
 *   <li><b>Decision.</b> Expected delay (HCM/Akçelik, the optimiser's delay model) of the plan in force vs the new
 *       plans with the same smoothed flows; propose when it drops by at least
 *       {@link SignalJobSettings#minImprovementPercent()} (the whole corridor's vehicle-weighted delay for a corridor)
 *       and the plans are not the same (within {@link SignalJobSettings#hysteresisSeconds()}) as the last proposal
 *       (unless older than {@link SignalJobSettings#reproposeAfter()}) or as the plan in force, nor better than that
 *       still-pending last proposal by less than {@link SignalJobSettings#reproposeImprovementPercent()} (hysteresis:
 *       noisy counts do not re-propose).</li>
 * </ol>
 * An intersection is planned only when every movement its detectors measure has a flow in the smoothing window (a
 * silent detector is not an empty road).
 * The delay model sees isolated intersections: the benefit of the offsets is not in the expected delay.
 */
public final class SignalPlanner {
    static final double UNSERVED_EPSILON_VEH_PER_HOUR = 0.5;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private final SignalModel model;
    private final SignalJobSettings settings;
    private final SignalTimingOptimiser optimiser;

    public SignalPlanner(SignalModel model, SignalJobSettings settings, TimingSettings timing) {
        this.model = model;
        this.settings = settings;
        this.optimiser = new SignalTimingOptimiser(timing);
    }

    /** A proposal: the plan (for the hysteresis state) and its JSON for {@code signals.plans.proposed}. */
    public record Proposal(ActivePlan plan, ObjectNode json) {
        public String intersectionId() {
            return plan.intersectionId();
        }
    }

    /**
     * What was decided for the group.
     *
     * @param proposals            empty when nothing is proposed
     * @param currentDelaySecondsPerVehicle  vehicle-weighted over the planned members, plan in force
     * @param proposedDelaySecondsPerVehicle the same for the optimised plans
     * @param outcome              one line for the log: proposed / below threshold / same as … / no flows
     */
    public record Decision(List<Proposal> proposals, double currentDelaySecondsPerVehicle,
                           double proposedDelaySecondsPerVehicle, String outcome) {
        public double changePercent() {
            return currentDelaySecondsPerVehicle <= 0 ? 0
                    : 100 * (proposedDelaySecondsPerVehicle - currentDelaySecondsPerVehicle) / currentDelaySecondsPerVehicle;
        }
    }

    /** One intersection's plan at a cycle, with what the delay model expects of it. */
    record Candidate(Intersection ix, double[] durations, double meanDelay, double totalFlow, double unservedVehPerHour,
                     List<MovementLoad> loads) {
        double totalDelay() {
            return meanDelay * totalFlow;
        }

        double cycle() {
            double c = 0;
            for (double d : durations) {
                c += d;
            }
            return c;
        }
    }

    /**
     * @param demand        per member intersection with flows: movement id → smoothed veh/h
     * @param inForce       plan in force per member (absent → the shipped plan)
     * @param lastProposed  last proposal per member (hysteresis), may be empty
     */
    public Decision plan(String group, long intervalStartEpochMs, long intervalEndEpochMs, int intervalsUsed,
                         Map<String, Map<String, Double>> demand, Map<String, ActivePlan> inForce,
                         Map<String, ActivePlan> lastProposed) {
        List<String> planned = new ArrayList<>();
        List<String> unmeasured = new ArrayList<>();
        for (String id : model.members(group)) {
            Map<String, Double> q = demand.getOrDefault(id, Map.of());
            if (q.isEmpty()) {
                continue;
            }
            // a silent detector must not read as "no traffic": its movements would lose their green
            List<String> missing = model.detectedMovements(id).stream().filter(m -> !q.containsKey(m)).toList();
            if (missing.isEmpty()) {
                planned.add(id);
            } else {
                unmeasured.add(id + " " + missing);
            }
        }
        if (planned.isEmpty()) {
            return new Decision(List.of(), 0, 0, unmeasured.isEmpty() ? "no flows for any intersection of " + group
                    : "no flows in the smoothing window for detected movements " + unmeasured + ": not planned");
        }
        List<Corridor> corridors = model.corridorsOfGroup(group);
        Map<String, Candidate> chosen = new LinkedHashMap<>();
        Map<String, String> strategy = new LinkedHashMap<>();
        String cycleNote;
        if (!corridors.isEmpty() && planned.size() >= 2) {
            cycleNote = corridorCycle(planned, demand, chosen, strategy);
        } else {
            cycleNote = null;
            for (String id : planned) {
                singleIntersection(model.require(id), demand.get(id), chosen, strategy);
            }
        }
        if (chosen.isEmpty()) {
            return new Decision(List.of(), 0, 0, "no feasible plan for " + planned + (cycleNote == null ? "" : ": " + cycleNote));
        }
        boolean coordinated = !corridors.isEmpty() && planned.size() >= 2 && cycleNote == null;
        Map<String, Double> offsets = offsets(coordinated ? corridors : List.of(), chosen, inForce);

        double currentTotal = 0;
        double proposedTotal = 0;
        double flowTotal = 0;
        Map<String, Candidate> current = new LinkedHashMap<>();
        for (Map.Entry<String, Candidate> e : chosen.entrySet()) {
            Intersection ix = e.getValue().ix();
            ActivePlan force = inForce.getOrDefault(ix.id(), ActivePlan.shipped(ix));
            Candidate now = evaluate(ix, demand.get(ix.id()), force.durations());
            current.put(ix.id(), now);
            currentTotal += now.totalDelay();
            proposedTotal += e.getValue().totalDelay();
            flowTotal += now.totalFlow();
        }
        double currentMean = currentTotal / flowTotal;
        double proposedMean = proposedTotal / flowTotal;
        if (!Double.isFinite(currentTotal) || !Double.isFinite(proposedTotal) || !(flowTotal > 0)) {
            return new Decision(List.of(), currentMean, proposedMean, "the delay model gives no finite delay for these flows");
        }
        double improvementPercent = currentTotal <= 0 ? 0 : 100 * (currentTotal - proposedTotal) / currentTotal;
        if (improvementPercent < settings.minImprovementPercent()) {
            return new Decision(List.of(), currentMean, proposedMean, String.format(Locale.ROOT,
                    "improvement %.1f%% below the threshold of %.1f%%", improvementPercent, settings.minImprovementPercent()));
        }

        Map<String, ActivePlan> plans = new LinkedHashMap<>();
        for (Map.Entry<String, Candidate> e : chosen.entrySet()) {
            String id = e.getKey();
            double[] d = e.getValue().durations();
            List<Double> steps = new ArrayList<>();
            for (double v : d) {
                steps.add(v);
            }
            double offset = offsets.get(id);
            plans.put(id, new ActivePlan(planId(id, intervalStartEpochMs, d, offset), id, steps, offset, intervalStartEpochMs));
        }
        boolean sameAsInForce = plans.values().stream().allMatch(p ->
                p.similarTo(inForce.getOrDefault(p.intersectionId(), ActivePlan.shipped(model.require(p.intersectionId()))),
                        settings.hysteresisSeconds()));
        if (sameAsInForce) {
            return new Decision(List.of(), currentMean, proposedMean, "same plan as the one in force (within "
                    + settings.hysteresisSeconds() + " s)");
        }
        boolean sameAsProposed = plans.values().stream().allMatch(p -> {
            ActivePlan last = lastProposed.get(p.intersectionId());
            return last != null && p.similarTo(last, settings.hysteresisSeconds())
                    && intervalStartEpochMs - last.sinceEpochMs() < settings.reproposeAfter().toMillis();
        });
        if (sameAsProposed) {
            return new Decision(List.of(), currentMean, proposedMean, "same plan as the last proposal "
                    + plans.values().stream().map(p -> lastProposed.get(p.intersectionId()).planId()).toList());
        }
        // a different plan that is hardly better than the one still pending is not worth a second proposal
        boolean pendingEverywhere = plans.keySet().stream().allMatch(id -> lastProposed.containsKey(id)
                && intervalStartEpochMs - lastProposed.get(id).sinceEpochMs() < settings.reproposeAfter().toMillis()
                && lastProposed.get(id).stepSeconds().size() == model.require(id).steps().size());
        if (pendingEverywhere) {
            double pendingTotal = 0;
            for (String id : plans.keySet()) {
                pendingTotal += evaluate(model.require(id), demand.get(id), lastProposed.get(id).durations()).totalDelay();
            }
            double gain = pendingTotal <= 0 ? 0 : 100 * (pendingTotal - proposedTotal) / pendingTotal;
            if (gain < settings.reproposeImprovementPercent()) {
                return new Decision(List.of(), currentMean, proposedMean, String.format(Locale.ROOT,
                        "the pending proposal %s is within %.1f%% of the best plan (re-propose threshold %.1f%%)",
                        plans.keySet().stream().map(id -> lastProposed.get(id).planId()).toList(), gain,
                        settings.reproposeImprovementPercent()));
            }
        }

        List<Proposal> proposals = new ArrayList<>();
        Corridor corridor = corridors.isEmpty() ? null : corridors.get(0);
        for (Map.Entry<String, ActivePlan> e : plans.entrySet()) {
            String id = e.getKey();
            Intersection ix = model.require(id);
            ActivePlan force = inForce.getOrDefault(id, ActivePlan.shipped(ix));
            ObjectNode json = proposalJson(ix, e.getValue(), force, chosen.get(id), current.get(id), strategy.get(id),
                    demand.get(id), intervalStartEpochMs, intervalEndEpochMs, intervalsUsed, -improvementPercent);
            if (corridor != null && planned.size() >= 2) { // with the note when no common cycle fitted
                ObjectNode c = json.putObject("corridor");
                c.put("id", corridor.id());
                c.put("commonCycleSeconds", ActivePlan.round1(e.getValue().cycleSeconds()));
                c.put("progressionSpeedKmh", corridor.progressionSpeedKmh());
                c.put("travelSecondsFromStart", ActivePlan.round1(travelSeconds(corridor, id)));
                ArrayNode m = c.putArray("members");
                plans.keySet().forEach(m::add);
                c.put("expectedDelayChangePercent", round2(-improvementPercent));
                if (cycleNote != null) {
                    c.put("note", cycleNote);
                }
            }
            proposals.add(new Proposal(e.getValue(), json));
        }
        return new Decision(proposals, currentMean, proposedMean, String.format(Locale.ROOT,
                "proposed %s (expected delay %.1f → %.1f s/veh, %.1f%%)",
                proposals.stream().map(p -> p.plan().planId()).toList(), currentMean, proposedMean, -improvementPercent));
    }

    /** Minimum delay; under oversaturation the cycle that leaves the least demand unserved. */
    private void singleIntersection(Intersection ix, Map<String, Double> flows, Map<String, Candidate> chosen,
                                    Map<String, String> strategy) {
        Candidate best = optimise(ix, flows, Double.NaN);
        if (best == null) {
            return;
        }
        String how = "min-delay";
        if (best.unservedVehPerHour() > UNSERVED_EPSILON_VEH_PER_HOUR) {
            Candidate throughput = best;
            for (double c : cycles(ix.minCycleSeconds(), ix.maxCycleSeconds())) {
                Candidate cand = optimise(ix, flows, c);
                if (cand != null && moreThroughput(cand, throughput)) {
                    throughput = cand;
                }
            }
            if (throughput != best) {
                best = throughput;
                how = "max-throughput";
            }
        }
        chosen.put(ix.id(), best);
        strategy.put(ix.id(), how);
    }

    /** Common cycle for the corridor members with flows; returns a note when coordination was not possible. */
    private String corridorCycle(List<String> planned, Map<String, Map<String, Double>> demand,
                                 Map<String, Candidate> chosen, Map<String, String> strategy) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (String id : planned) {
            Intersection ix = model.require(id);
            lo = Math.max(lo, ix.minCycleSeconds());
            hi = Math.min(hi, ix.maxCycleSeconds());
        }
        List<Map<String, Candidate>> options = new ArrayList<>();
        if (lo <= hi) {
            for (double c : cycles(lo, hi)) {
                Map<String, Candidate> at = new LinkedHashMap<>();
                for (String id : planned) {
                    Candidate cand = optimise(model.require(id), demand.get(id), c);
                    if (cand == null) {
                        break;
                    }
                    at.put(id, cand);
                }
                if (at.size() == planned.size()) {
                    options.add(at);
                }
            }
        }
        if (options.isEmpty()) {
            for (String id : planned) {
                singleIntersection(model.require(id), demand.get(id), chosen, strategy);
            }
            return "no common cycle fits every member's bounds and minimum greens: planned separately";
        }
        Map<String, Candidate> best = options.get(0);
        for (Map<String, Candidate> o : options) {
            if (sum(o, Candidate::totalDelay) < sum(best, Candidate::totalDelay) - 1e-9) {
                best = o;
            }
        }
        String how = "min-delay";
        if (sum(best, Candidate::unservedVehPerHour) > UNSERVED_EPSILON_VEH_PER_HOUR) {
            Map<String, Candidate> throughput = best;
            for (Map<String, Candidate> o : options) {
                double u = sum(o, Candidate::unservedVehPerHour);
                double bu = sum(throughput, Candidate::unservedVehPerHour);
                if (u < bu - UNSERVED_EPSILON_VEH_PER_HOUR
                        || (Math.abs(u - bu) <= UNSERVED_EPSILON_VEH_PER_HOUR && sum(o, Candidate::totalDelay) < sum(throughput, Candidate::totalDelay))) {
                    throughput = o;
                }
            }
            if (throughput != best) {
                best = throughput;
                how = "max-throughput";
            }
        }
        chosen.putAll(best);
        for (String id : best.keySet()) {
            strategy.put(id, how);
        }
        return null;
    }

    private static boolean moreThroughput(Candidate a, Candidate b) {
        double d = a.unservedVehPerHour() - b.unservedVehPerHour();
        return d < -UNSERVED_EPSILON_VEH_PER_HOUR || (Math.abs(d) <= UNSERVED_EPSILON_VEH_PER_HOUR && a.totalDelay() < b.totalDelay() - 1e-9);
    }

    private static double sum(Map<String, Candidate> o, java.util.function.ToDoubleFunction<Candidate> f) {
        return o.values().stream().mapToDouble(f).sum();
    }

    private List<Double> cycles(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        double step = settings.corridorCycleStepSeconds();
        for (double c = Math.ceil(lo); c <= hi + 1e-9; c += step) {
            out.add(c);
        }
        if (out.isEmpty() || out.get(out.size() - 1) < Math.floor(hi) - 1e-9) {
            out.add(Math.floor(hi));
        }
        return out;
    }

    /** The optimiser's plan (free cycle when {@code cycleSeconds} is NaN), in whole seconds; null when infeasible. */
    Candidate optimise(Intersection ix, Map<String, Double> flows, double cycleSeconds) {
        Intersection problem = Double.isNaN(cycleSeconds) ? ix : new Intersection(ix.id(), ix.name(), ix.latitude(),
                ix.longitude(), ix.movements(), ix.steps(), ix.detectors(), cycleSeconds, cycleSeconds,
                ix.currentOffsetSeconds(), ix.corridorIds());
        TimingPlan plan;
        try {
            plan = optimiser.optimise(problem, flows);
        } catch (IllegalArgumentException infeasible) {
            return null;
        }
        double[] d = wholeSeconds(ix, plan.stepSeconds());
        if (PlanValidator.violation(ix, d, 0) != null) {
            d = plan.stepSeconds().stream().mapToDouble(Double::doubleValue).toArray();
            if (PlanValidator.violation(ix, d, 0) != null) {
                return null;
            }
        }
        return evaluate(ix, flows, d);
    }

    /** Rounded to whole seconds; intergreens exactly the model's; the cycle kept by adjusting the longest stage. */
    static double[] wholeSeconds(Intersection ix, List<Double> stepSeconds) {
        double[] d = new double[stepSeconds.size()];
        double target = Math.round(stepSeconds.stream().mapToDouble(Double::doubleValue).sum());
        double sum = 0;
        int longest = -1;
        for (int i = 0; i < d.length; i++) {
            Step s = ix.steps().get(i);
            d[i] = s.isStage() ? Math.round(stepSeconds.get(i)) : s.durationSeconds();
            sum += d[i];
            if (s.isStage() && (longest < 0 || d[i] > d[longest])) {
                longest = i;
            }
        }
        d[longest] += target - sum;
        return d;
    }

    /** What the delay model expects of the given step durations with these flows. */
    Candidate evaluate(Intersection ix, Map<String, Double> flows, double[] durations) {
        List<MovementLoad> loads = optimiser.loads(ix, flows, durations);
        double cycle = 0;
        for (double v : durations) {
            cycle += v;
        }
        double q = 0;
        double qd = 0;
        double unserved = 0;
        for (MovementLoad l : loads) {
            q += l.flowVehPerHour();
            qd += l.flowVehPerHour() * l.delaySecondsPerVehicle();
            unserved += Math.max(0, l.flowVehPerHour() - capacity(l, cycle));
        }
        return new Candidate(ix, durations, q <= 0 ? 0 : qd / q, q, unserved, loads);
    }

    static double capacity(MovementLoad l, double cycleSeconds) {
        return l.saturationVehPerHour() * l.effectiveGreenSeconds() / cycleSeconds;
    }

    /**
     * Offsets: along each coordinated corridor from its first intersection's offset in force; otherwise (a single
     * intersection, a corridor member planned alone) the offset in force.
     */
    private Map<String, Double> offsets(List<Corridor> corridors, Map<String, Candidate> chosen,
                                       Map<String, ActivePlan> inForce) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Corridor corridor : corridors) {
            String first = corridor.intersectionIds().get(0);
            double reference = inForce.getOrDefault(first, ActivePlan.shipped(model.require(first))).offsetSeconds();
            for (String id : corridor.intersectionIds()) {
                Candidate c = chosen.get(id);
                if (c != null && !out.containsKey(id)) {
                    out.put(id, wrap(Math.round(reference + travelSeconds(corridor, id)), c.cycle()));
                }
            }
        }
        for (Map.Entry<String, Candidate> e : chosen.entrySet()) {
            if (!out.containsKey(e.getKey())) {
                ActivePlan force = inForce.getOrDefault(e.getKey(), ActivePlan.shipped(e.getValue().ix()));
                out.put(e.getKey(), wrap(Math.round(force.offsetSeconds()), e.getValue().cycle()));
            }
        }
        return out;
    }

    /** Driving time from the corridor's first intersection to {@code id} at the progression speed. */
    double travelSeconds(Corridor corridor, String id) {
        double metres = 0;
        List<String> ids = corridor.intersectionIds();
        for (int i = 1; i < ids.size(); i++) {
            double leg = model.distanceMetres(ids.get(i - 1), ids.get(i));
            metres += Double.isNaN(leg) ? 0 : leg;
            if (ids.get(i).equals(id)) {
                return metres / (corridor.progressionSpeedKmh() / 3.6);
            }
        }
        return 0;
    }

    static double wrap(double offset, double cycle) {
        double o = offset % cycle;
        return o < 0 ? o + cycle : o;
    }

    /** {@code <intersection>-<interval start yyyyMMddTHHmmZ>-<8 hex of the plan>}: the same inputs give the same id. */
    static String planId(String intersectionId, long intervalStartEpochMs, double[] durations, double offset) {
        StringBuilder content = new StringBuilder(intersectionId).append('|').append(offset);
        for (double d : durations) {
            content.append('|').append(d);
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return intersectionId + "-" + ID_TIME.format(Instant.ofEpochMilli(intervalStartEpochMs)) + "-"
                    + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode proposalJson(Intersection ix, ActivePlan plan, ActivePlan force, Candidate proposed, Candidate now,
                                    String strategy, Map<String, Double> flows, long startMs, long endMs, int intervalsUsed,
                                    double decisionChangePercent) {
        ObjectNode n = ActivePlan.JSON.createObjectNode();
        n.put("schemaVersion", PlanEvents.SCHEMA_VERSION);
        n.put("planId", plan.planId());
        n.put("intersectionId", ix.id());
        n.put("intersectionName", ix.name());
        if (ix.corridorIds().isEmpty()) {
            n.putNull("corridorId");
        } else {
            n.put("corridorId", ix.corridorIds().get(0));
        }
        n.put("basedOnInterval", Instant.ofEpochMilli(startMs).toString());
        n.put("basedOnIntervalEnd", Instant.ofEpochMilli(endMs).toString());
        n.put("smoothedOverIntervals", intervalsUsed);
        ObjectNode described = plan.describe(ix);
        n.put("cycleSeconds", described.get("cycleSeconds").asDouble());
        n.put("offsetSeconds", described.get("offsetSeconds").asDouble());
        n.set("phases", described.get("phases"));
        n.set("steps", described.get("steps"));
        n.set("current", force.describe(ix));
        ObjectNode delay = n.putObject("expectedDelaySecondsPerVehicle");
        delay.put("current", round2(now.meanDelay()));
        delay.put("proposed", round2(proposed.meanDelay()));
        // what the decision was made on: this intersection alone, or the whole corridor (a member's own delay may
        // rise for the corridor's sake: intersectionDelayChangePercent says so)
        n.put("expectedDelayChangePercent", round2(decisionChangePercent));
        n.put("intersectionDelayChangePercent", round2(now.meanDelay() <= 0 ? 0
                : 100 * (proposed.meanDelay() - now.meanDelay()) / now.meanDelay()));
        n.put("method", "min-delay (HCM 2000 / Akçelik delay)");
        ObjectNode demand = n.putObject("flowsVehPerHour");
        flows.forEach((m, q) -> demand.put(m, Math.round(q)));

        List<MovementLoad> overNow = now.loads().stream().filter(l -> l.degreeOfSaturation() >= 1).toList();
        List<MovementLoad> overProposed = proposed.loads().stream().filter(l -> l.degreeOfSaturation() >= 1).toList();
        String how = !overProposed.isEmpty() ? strategy : !overNow.isEmpty() ? "relieved" : "none";
        n.put("oversaturated", !overProposed.isEmpty());
        ObjectNode o = n.putObject("oversaturation");
        o.put("strategy", how);
        loads(o.putArray("current"), overNow, now.cycle());
        loads(o.putArray("proposed"), overProposed, proposed.cycle());
        o.put("unservedVehPerHour", Math.round(proposed.unservedVehPerHour()));
        o.put("note", switch (how) {
            case "none" -> "every movement below capacity under both plans";
            case "relieved" -> "the plan in force is over capacity on " + ids(overNow) + "; the proposal serves all demand";
            case "max-throughput" -> "demand exceeds capacity on " + ids(overProposed) + " under every plan within the "
                    + "constraints: the cycle that leaves the least demand unserved was chosen over the minimum-delay one; "
                    + "queues still grow by about " + Math.round(proposed.unservedVehPerHour())
                    + " veh/h — timing alone cannot clear them (divert or meter upstream)";
            default -> "demand exceeds capacity on " + ids(overProposed) + " under every plan within the constraints; "
                    + "the minimum-delay plan also serves the most; queues still grow by about "
                    + Math.round(proposed.unservedVehPerHour()) + " veh/h — timing alone cannot clear them";
        });
        n.put("generatedBy", "signal-timing");
        return n;
    }

    private static void loads(ArrayNode out, List<MovementLoad> loads, double cycle) {
        for (MovementLoad l : loads) {
            out.addObject().put("movementId", l.movementId()).put("degreeOfSaturation", round2(l.degreeOfSaturation()))
                    .put("flowVehPerHour", Math.round(l.flowVehPerHour()))
                    .put("capacityVehPerHour", Math.round(capacity(l, cycle)));
        }
    }

    private static String ids(List<MovementLoad> loads) {
        return loads.stream().map(l -> l.movementId() + String.format(Locale.ROOT, " (x=%.2f)", l.degreeOfSaturation())).toList().toString();
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
