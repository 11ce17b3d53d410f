package pl.kielce.traffic.signals.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.signals.model.Intersection;

import static org.assertj.core.api.Assertions.assertThat;

class PlanValidatorTest {
    final SignalModel model = SignalFixtures.kielce();
    final Intersection czarn = model.require("KI-WARSZ-CZARN");

    /** The shipped Czarnowska plan as an approval: NS 34, S-lead 8, W 20 (+ intergreens 4, 5, 5) = 76 s. */
    ObjectNode approval(double ns, double sLead, double w, double cycle, double offset) {
        ObjectNode n = ActivePlan.JSON.createObjectNode();
        n.put("schemaVersion", "1.0").put("planId", "p-1").put("intersectionId", "KI-WARSZ-CZARN")
                .put("cycleSeconds", cycle).put("offsetSeconds", offset).put("approvedBy", "operator1");
        var phases = n.putArray("phases");
        phases.addObject().put("id", "NS").put("greenSeconds", ns);
        phases.addObject().put("id", "S-lead").put("greenSeconds", sLead);
        phases.addObject().put("id", "W").put("greenSeconds", w);
        return n;
    }

    Decoded<ActivePlan> check(JsonNode n) {
        return PlanValidator.approved(czarn, n, 1000L);
    }

    @Test
    void theShippedPlanIsValidAndBecomesAPlanWithTheModelsIntergreens() {
        Decoded<ActivePlan> d = check(approval(34, 8, 20, 76, 10));
        assertThat(d.isOk()).isTrue();
        assertThat(d.value().stepSeconds()).containsExactly(34.0, 4.0, 8.0, 5.0, 20.0, 5.0);
        assertThat(d.value().offsetSeconds()).isEqualTo(10);
        assertThat(d.value().planId()).isEqualTo("p-1");
    }

    @Test
    void pedestrianMinimumOfAMovementIsEnforced() {
        // W: stage min 14 and pedestrian minimum 14; NS stage min 16 = N-T pedestrian minimum 16.
        // NS 15 s breaks the stage minimum first; a stage min lower than the pedestrian need is caught per movement:
        assertThat(check(approval(15, 8, 21, 76, 0)).reason()).isEqualTo("phase NS: green 15 s is below its minimum of 16 s");
        // N-T's green = NS only (N-end is yellow for N-T): 16 is its pedestrian minimum, S-T also gets N-end + S-lead
        assertThat(PlanValidator.violation(czarn, new double[]{16, 4, 8, 5, 20, 5}, 0)).isNull();
    }

    @Test
    void refusalsNameTheRule() {
        assertThat(check(approval(34, 8, 50, 106, 0)).reason()).isEqualTo("phase W: green 50 s is above its maximum of 45 s");
        assertThat(check(approval(34, 8, 20, 80, 0)).reason())
                .isEqualTo("field 'cycleSeconds' is 80 s but the phases and intergreens add up to 76 s");
        assertThat(check(approval(34, 8, 20, 76, 76)).reason()).isEqualTo("offsetSeconds 76 is outside [0, cycle 76)");
        ObjectNode unknown = approval(34, 8, 20, 76, 0);
        ((com.fasterxml.jackson.databind.node.ArrayNode) unknown.get("phases")).addObject().put("id", "X").put("greenSeconds", 5);
        assertThat(check(unknown).reason()).startsWith("field 'phases': X is not a phase of KI-WARSZ-CZARN");
        ObjectNode missing = approval(34, 8, 20, 76, 0);
        ((com.fasterxml.jackson.databind.node.ArrayNode) missing.get("phases")).remove(2);
        assertThat(check(missing).reason()).isEqualTo("field 'phases': no green for phase W of KI-WARSZ-CZARN");
        ObjectNode shortIntergreen = approval(34, 8, 20, 73, 0);
        shortIntergreen.putArray("steps").addObject().put("id", "W-end").put("kind", "INTERGREEN").put("seconds", 2);
        assertThat(check(shortIntergreen).reason()).isEqualTo("intergreen W-end is fixed at 5 s, plan has 2 s");
        ObjectNode other = approval(34, 8, 20, 76, 0).put("intersectionId", "KI-IXW-SOLID");
        assertThat(check(other).reason()).isEqualTo("field 'intersectionId' is not KI-WARSZ-CZARN");
        ObjectNode noCycle = approval(34, 8, 20, 76, 0);
        noCycle.remove("cycleSeconds");
        assertThat(check(noCycle).reason()).isEqualTo("field 'cycleSeconds' is missing or not a number");
    }

    @Test
    void cycleBoundsAreChecked() {
        // all stages at their minimums: 16 + 4 + 5 + 5 + 14 + 5 = 49 s < 50 s minimum cycle
        assertThat(PlanValidator.violation(czarn, new double[]{16, 4, 5, 5, 14, 5}, 0))
                .isEqualTo("cycle 49 s is outside the bounds [50, 110] s of KI-WARSZ-CZARN");
    }

    @Test
    void vehicleMinimumGreenOfAMovementIsChecked() {
        // Solidarności: N-L/S-L (min 5 s) are only permitted in NS; NS has its own minimum 22, so build a model-free case:
        Intersection solid = model.require("KI-IXW-SOLID");
        assertThat(PlanValidator.violation(solid, new double[]{36, 5, 4, 5, 28, 6}, 0))
                .isEqualTo("phase EW-left: green 4 s is below its minimum of 5 s");
    }
}
