package pl.kielce.traffic.signals.sumo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pl.kielce.traffic.signals.model.Detector;
import pl.kielce.traffic.signals.model.Indication;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.signals.model.Step;
import pl.kielce.traffic.signals.model.TurnDirection;

/**
 * Builds the intersection model from a SUMO network and the program a signal runs.
 *
 * <ul>
 *   <li>Movement = one incoming lane (a lane group of one lane): its links, its turns, its
 *       saturation flow (base × the strictest turn factor), and per step the most restrictive
 *       indication of its links (the head vehicle blocks the lane when its own link is red).</li>
 *   <li>Steps = the program's phases with consecutive identical states merged (also across the
 *       cycle end). A phase with yellow, or with no green at all, is a fixed intergreen; any other
 *       is a green stage whose length may change.</li>
 *   <li>A stage that starts a green gets the vehicle minimum green; a stage that only continues
 *       greens gets the continuation minimum. With {@code useProgramBounds} the program's
 *       minDur/maxDur (summed over merged phases) also bound the stage.</li>
 *   <li>Crossings (pedestrian-only lanes) become pedestrian movements whose minimum green is walk
 *       time + crossing length / clearance speed.</li>
 * </ul>
 */
public final class SumoIntersectionImporter {
    private final ImportSettings settings;

    public SumoIntersectionImporter(ImportSettings settings) {
        this.settings = settings;
    }

    public Intersection importSignal(SumoNet net, TlsProgram program, List<SumoScenario.InductionLoop> loops) {
        String tls = program.tlsId();
        List<SumoNet.Connection> connections = net.connectionsOf(tls);
        if (connections.isEmpty()) throw new IllegalArgumentException("signal " + tls + " controls no connection in the network");
        Map<String, List<SumoNet.Connection>> byLane = new TreeMap<>();
        for (SumoNet.Connection c : connections) {
            if (c.linkIndex() < 0 || c.linkIndex() >= program.linkCount()) {
                throw new IllegalArgumentException("signal " + tls + ": linkIndex " + c.linkIndex() + " outside its program of "
                        + program.linkCount() + " links");
            }
            byLane.computeIfAbsent(c.fromLaneId(), k -> new ArrayList<>()).add(c);
        }
        List<Movement> movements = new ArrayList<>();
        List<List<Integer>> linksOfMovement = new ArrayList<>();
        for (var e : byLane.entrySet()) {
            SumoNet.Lane lane = net.lanes().get(e.getKey());
            if (lane == null) throw new IllegalArgumentException("signal " + tls + ": lane " + e.getKey() + " missing from network");
            List<Integer> links = e.getValue().stream().map(SumoNet.Connection::linkIndex).sorted().distinct().toList();
            List<TurnDirection> turns = e.getValue().stream().map(c -> TurnDirection.fromSumo(c.dir())).distinct().toList();
            boolean pedestrian = lane.isPedestrianOnly();
            double factor = 1.0;
            for (TurnDirection t : turns) {
                factor = Math.min(factor, switch (t) {
                    case LEFT -> settings.leftTurnFactor();
                    case RIGHT -> settings.rightTurnFactor();
                    case U_TURN -> settings.uTurnFactor();
                    default -> 1.0;
                });
            }
            double pedMin = pedestrian ? settings.pedestrianWalkSeconds() + lane.lengthMeters() / settings.pedestrianSpeedMetersPerSecond() : 0;
            movements.add(new Movement(lane.id(), lane.edgeId(), pedestrian ? List.of(TurnDirection.PEDESTRIAN) : turns, 1,
                    settings.baseSaturationFlowVehPerHourPerLane() * factor,
                    pedestrian ? 0 : settings.vehicleMinGreenSeconds(), pedMin, links));
            linksOfMovement.add(links);
        }
        List<Step> steps = steps(program, movements, linksOfMovement);
        List<Detector> detectors = new ArrayList<>();
        for (SumoScenario.InductionLoop loop : loops) {
            if (byLane.containsKey(loop.laneId())) detectors.add(new Detector(loop.id(), List.of(loop.laneId())));
        }
        return new Intersection(tls, "SUMO signal " + tls, Double.NaN, Double.NaN, movements, steps, detectors,
                settings.minCycleSeconds(), Math.max(settings.maxCycleSeconds(), minimumCycle(steps)),
                program.offsetSeconds(), List.of());
    }

    private static double minimumCycle(List<Step> steps) {
        return steps.stream().mapToDouble(Step::minSeconds).sum();
    }

    private List<Step> steps(TlsProgram program, List<Movement> movements, List<List<Integer>> links) {
        // merge consecutive identical states, also the last phase into the first
        List<TlsProgram.Phase> phases = program.phases();
        List<double[]> merged = new ArrayList<>(); // duration, minDur sum, maxDur sum
        List<String> states = new ArrayList<>();
        for (TlsProgram.Phase p : phases) {
            double min = Double.isNaN(p.minDurSeconds()) ? p.durationSeconds() : p.minDurSeconds();
            double max = Double.isNaN(p.maxDurSeconds()) ? p.durationSeconds() : p.maxDurSeconds();
            boolean bounds = !Double.isNaN(p.minDurSeconds());
            if (!states.isEmpty() && states.get(states.size() - 1).equals(p.state())) {
                double[] m = merged.get(merged.size() - 1);
                m[0] += p.durationSeconds();
                m[1] += min;
                m[2] += max;
                m[3] = Math.max(m[3], bounds ? 1 : 0);
            } else {
                states.add(p.state());
                merged.add(new double[] {p.durationSeconds(), min, max, bounds ? 1 : 0});
            }
        }
        if (states.size() > 1 && states.get(0).equals(states.get(states.size() - 1))) {
            double[] last = merged.remove(merged.size() - 1);
            states.remove(states.size() - 1);
            double[] first = merged.get(0);
            for (int i = 0; i < 3; i++) first[i] += last[i];
            first[3] = Math.max(first[3], last[3]);
        }
        int n = states.size();
        List<List<Indication>> indications = new ArrayList<>();
        for (String state : states) {
            List<Indication> row = new ArrayList<>();
            for (List<Integer> ls : links) {
                Indication ind = Indication.PROTECTED_GREEN;
                for (int li : ls) ind = ind.mostRestrictive(Indication.fromSumo(state.charAt(li)));
                row.add(ind);
            }
            indications.add(row);
        }
        List<Step> steps = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            String state = states.get(s);
            double[] m = merged.get(s);
            String id = "p" + s;
            boolean intergreen = state.chars().anyMatch(ch -> ch == 'y' || ch == 'Y' || ch == 'u')
                    || state.chars().noneMatch(ch -> ch == 'G' || ch == 'g');
            if (intergreen) {
                steps.add(Step.intergreen(id, m[0], indications.get(s), state));
                continue;
            }
            List<Indication> prev = indications.get((s - 1 + n) % n);
            boolean startsGreen = false;
            for (int i = 0; i < movements.size(); i++) {
                if (indications.get(s).get(i).isGreen() && !prev.get(i).isGreen()) startsGreen = true;
            }
            double min = startsGreen ? settings.vehicleMinGreenSeconds() : settings.continuationMinGreenSeconds();
            double max = 999;
            if (settings.useProgramBounds() && m[3] > 0) {
                min = Math.max(min, m[1]);
                if (m[2] > m[1]) max = Math.max(min, m[2]);
            }
            steps.add(new Step(id, Step.Kind.STAGE, m[0], Math.min(min, max), max, indications.get(s), state));
        }
        return steps;
    }

    /** Lane id of each movement (movement ids are lane ids). */
    public static Map<String, String> laneOfMovement(Intersection intersection) {
        Map<String, String> out = new LinkedHashMap<>();
        intersection.movements().forEach(m -> out.put(m.id(), m.id()));
        return out;
    }
}
