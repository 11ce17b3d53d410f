package pl.kielce.traffic.signals.job;

import com.fasterxml.jackson.databind.JsonNode;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.signals.model.Step;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a plan against the constraints of the intersection model before it may run: cycle bounds, stage minimum and
 * maximum greens, fixed intergreens, vehicle and pedestrian minimum greens of every movement, offset within the cycle.
 * Pure; every refusal names the field and the rule.
 */
public final class PlanValidator {
    static final double TOLERANCE_SECONDS = 0.05;

    private PlanValidator() {
    }

    /** Why the step durations break the model's constraints, or null when they hold. */
    public static String violation(Intersection ix, double[] durations, double offsetSeconds) {
        List<Step> steps = ix.steps();
        if (durations.length != steps.size()) {
            return "plan has " + durations.length + " steps, intersection " + ix.id() + " has " + steps.size();
        }
        double cycle = 0;
        for (int i = 0; i < durations.length; i++) {
            Step s = steps.get(i);
            double d = durations[i];
            if (!Double.isFinite(d) || d < 0) {
                return "step " + s.id() + ": duration " + d + " s is not a duration";
            }
            if (!s.isStage() && Math.abs(d - s.durationSeconds()) > TOLERANCE_SECONDS) {
                return fmt("intergreen %s is fixed at %s s, plan has %s s", s.id(), s.durationSeconds(), d);
            }
            if (s.isStage() && d < s.minSeconds() - TOLERANCE_SECONDS) {
                return fmt("phase %s: green %s s is below its minimum of %s s", s.id(), d, s.minSeconds());
            }
            if (s.isStage() && d > s.maxSeconds() + TOLERANCE_SECONDS) {
                return fmt("phase %s: green %s s is above its maximum of %s s", s.id(), d, s.maxSeconds());
            }
            cycle += d;
        }
        if (cycle < ix.minCycleSeconds() - TOLERANCE_SECONDS || cycle > ix.maxCycleSeconds() + TOLERANCE_SECONDS) {
            return fmt("cycle %s s is outside the bounds [%s, %s] s of %s", cycle, ix.minCycleSeconds(), ix.maxCycleSeconds(), ix.id());
        }
        for (int m = 0; m < ix.movements().size(); m++) {
            Movement mv = ix.movements().get(m);
            double green = 0;
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).indications().get(m).isGreen()) {
                    green += durations[i];
                }
            }
            if (green < mv.minGreenSeconds() - TOLERANCE_SECONDS) {
                return fmt("movement %s gets %s s of green, below its vehicle minimum of %s s", mv.id(), green, mv.minGreenSeconds());
            }
            if (green < mv.pedestrianMinGreenSeconds() - TOLERANCE_SECONDS) {
                return fmt("movement %s gets %s s of green, below the pedestrian minimum of %s s of its crossing",
                        mv.id(), green, mv.pedestrianMinGreenSeconds());
            }
        }
        if (!(offsetSeconds >= 0) || offsetSeconds >= cycle) {
            return fmt("offsetSeconds %s is outside [0, cycle %s)", offsetSeconds, cycle);
        }
        return null;
    }

    /**
     * An approved plan (the proposal JSON the console published, plus {@code approvedBy}/{@code approvedAt}) as the
     * plan to put in force, or why it may not run. Stage greens come from {@code phases[{id, greenSeconds}]}; the
     * intergreens are the model's (a {@code steps} list, when present, must agree with them); {@code cycleSeconds}
     * must equal the sum.
     */
    public static Decoded<ActivePlan> approved(Intersection ix, JsonNode plan, long appliedAtEpochMs) {
        String planId = text(plan, "planId");
        if (planId == null) {
            return Decoded.failed("field 'planId' is missing");
        }
        if (!ix.id().equals(text(plan, "intersectionId"))) {
            return Decoded.failed("field 'intersectionId' is not " + ix.id());
        }
        JsonNode cycleNode = plan.get("cycleSeconds");
        if (cycleNode == null || !cycleNode.isNumber()) {
            return Decoded.failed("field 'cycleSeconds' is missing or not a number");
        }
        JsonNode offsetNode = plan.get("offsetSeconds");
        if (offsetNode != null && !offsetNode.isNumber()) {
            return Decoded.failed("field 'offsetSeconds' is not a number");
        }
        JsonNode phases = plan.get("phases");
        if (phases == null || !phases.isArray() || phases.isEmpty()) {
            return Decoded.failed("field 'phases' is missing or empty (need [{id, greenSeconds}] for every stage)");
        }
        Map<String, Double> greens = new HashMap<>();
        for (JsonNode p : phases) {
            String id = text(p, "id");
            JsonNode g = p.get("greenSeconds");
            if (id == null || g == null || !g.isNumber()) {
                return Decoded.failed("field 'phases': every entry needs 'id' and a numeric 'greenSeconds'");
            }
            if (greens.put(id, g.asDouble()) != null) {
                return Decoded.failed("field 'phases': phase " + id + " appears twice");
            }
        }
        Map<String, Double> stepsGiven = new HashMap<>();
        if (plan.has("steps") && plan.get("steps").isArray()) {
            for (JsonNode s : plan.get("steps")) {
                String id = text(s, "id");
                if (id != null && s.path("seconds").isNumber()) {
                    stepsGiven.put(id, s.get("seconds").asDouble());
                }
            }
        }
        double[] d = new double[ix.steps().size()];
        List<String> known = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            Step s = ix.steps().get(i);
            if (s.isStage()) {
                known.add(s.id());
                Double g = greens.get(s.id());
                if (g == null) {
                    return Decoded.failed("field 'phases': no green for phase " + s.id() + " of " + ix.id());
                }
                d[i] = g;
            } else {
                d[i] = stepsGiven.getOrDefault(s.id(), s.durationSeconds());
            }
        }
        for (String id : greens.keySet()) {
            if (!known.contains(id)) {
                return Decoded.failed("field 'phases': " + id + " is not a phase of " + ix.id() + " (phases: " + known + ")");
            }
        }
        double offset = offsetNode == null ? 0 : offsetNode.asDouble();
        String why = violation(ix, d, offset);
        if (why != null) {
            return Decoded.failed(why);
        }
        double sum = 0;
        for (double v : d) {
            sum += v;
        }
        if (Math.abs(sum - cycleNode.asDouble()) > 0.5) {
            return Decoded.failed(fmt("field 'cycleSeconds' is %s s but the phases and intergreens add up to %s s",
                    cycleNode.asDouble(), sum));
        }
        List<Double> steps = new ArrayList<>();
        for (double v : d) {
            steps.add(v);
        }
        return Decoded.ok(new ActivePlan(planId, ix.id(), steps, offset, appliedAtEpochMs));
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static String fmt(String pattern, Object... args) {
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            shown[i] = args[i] instanceof Double v ? (v == Math.rint(v) ? String.valueOf(v.longValue())
                    : String.format(Locale.ROOT, "%.1f", v)) : args[i];
        }
        return String.format(Locale.ROOT, pattern.replace("%s", "%s"), shown);
    }
}
