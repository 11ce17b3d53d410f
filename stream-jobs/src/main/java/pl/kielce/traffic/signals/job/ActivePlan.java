package pl.kielce.traffic.signals.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fixed-time plan of one intersection as the job keeps it (the plan in force, or the last proposal): the duration
 * of every step of the model's sequence (stages and intergreens, model order) and the offset.
 *
 * @param planId            {@code shipped:<intersection>} for the city data's own plan
 * @param stepSeconds       one duration per model step
 * @param offsetSeconds     start of step 0 against the common time reference, [0, cycle)
 * @param sinceEpochMs      event time it was proposed for / applied at (hysteresis), 0 for the shipped plan
 */
public record ActivePlan(String planId, String intersectionId, List<Double> stepSeconds, double offsetSeconds,
                         long sinceEpochMs) {
    static final ObjectMapper JSON = new ObjectMapper();

    public ActivePlan {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(intersectionId, "intersectionId");
        stepSeconds = List.copyOf(stepSeconds);
        if (stepSeconds.isEmpty()) {
            throw new IllegalArgumentException("plan " + planId + " has no steps");
        }
    }

    /** The plan shipped in the city data (step durations and offset of the model). */
    public static ActivePlan shipped(Intersection ix) {
        List<Double> steps = new ArrayList<>();
        for (Step s : ix.steps()) {
            steps.add(s.durationSeconds());
        }
        return new ActivePlan("shipped:" + ix.id(), ix.id(), steps, ix.currentOffsetSeconds(), 0L);
    }

    public double cycleSeconds() {
        return stepSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    public double[] durations() {
        return stepSeconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Same plan within {@code toleranceSeconds}: cycle, every step and the offset (circular). */
    public boolean similarTo(ActivePlan other, double toleranceSeconds) {
        if (other == null || other.stepSeconds.size() != stepSeconds.size()) {
            return false;
        }
        if (Math.abs(cycleSeconds() - other.cycleSeconds()) > toleranceSeconds + 1e-9) {
            return false;
        }
        for (int i = 0; i < stepSeconds.size(); i++) {
            if (Math.abs(stepSeconds.get(i) - other.stepSeconds.get(i)) > toleranceSeconds + 1e-9) {
                return false;
            }
        }
        double c = cycleSeconds();
        double d = Math.abs(offsetSeconds - other.offsetSeconds) % c;
        return Math.min(d, c - d) <= toleranceSeconds + 1e-9;
    }

    /** {@code {planId, cycleSeconds, offsetSeconds, phases:[{id, greenSeconds}], steps:[{id, kind, seconds}]}}. */
    public ObjectNode describe(Intersection ix) {
        ObjectNode n = JSON.createObjectNode();
        n.put("planId", planId);
        n.put("cycleSeconds", round1(cycleSeconds()));
        n.put("offsetSeconds", round1(offsetSeconds));
        ArrayNode phases = n.putArray("phases");
        ArrayNode steps = n.putArray("steps");
        for (int i = 0; i < ix.steps().size(); i++) {
            Step s = ix.steps().get(i);
            if (s.isStage()) {
                phases.addObject().put("id", s.id()).put("greenSeconds", round1(stepSeconds.get(i)));
            }
            steps.addObject().put("id", s.id()).put("kind", s.kind().name()).put("seconds", round1(stepSeconds.get(i)));
        }
        return n;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** For Flink state: compact JSON. */
    public String toStateJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("planId", planId).put("intersectionId", intersectionId).put("offsetSeconds", offsetSeconds)
                .put("sinceEpochMs", sinceEpochMs);
        ArrayNode a = n.putArray("stepSeconds");
        stepSeconds.forEach(a::add);
        return n.toString();
    }

    public static ActivePlan fromStateJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<Double> steps = new ArrayList<>();
            n.get("stepSeconds").forEach(v -> steps.add(v.asDouble()));
            return new ActivePlan(n.get("planId").asText(), n.get("intersectionId").asText(), steps,
                    n.get("offsetSeconds").asDouble(), n.get("sinceEpochMs").asLong());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt plan state: " + e.getMessage(), e);
        }
    }
}
