package pl.kielce.traffic.flows;

import pl.kielce.traffic.signals.model.Detector;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.signals.timing.SignalTimingOptimiser;
import pl.kielce.traffic.signals.timing.TimingSettings;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Capacity (veh/h) of each approach under the plan in force, from the intersection model: Σ over the approach's
 * movements of saturation flow × effective green / cycle (the optimiser's own arithmetic, {@code loads}). An
 * approach the model does not know gets the default of {@link FlowSettings}: lane capacity × reporting detectors,
 * or the camera capacity.
 */
public final class ApproachCapacities implements Serializable {
    private final Map<String, Double> byApproach;
    private final Map<String, double[]> locations;
    private final double laneCapacityVehPerHour;
    private final double cameraCapacityVehPerHour;

    private ApproachCapacities(Map<String, Double> byApproach, Map<String, double[]> locations, FlowSettings settings) {
        this.byApproach = Map.copyOf(byApproach);
        this.locations = Map.copyOf(locations);
        this.laneCapacityVehPerHour = settings.laneCapacityVehPerHour();
        this.cameraCapacityVehPerHour = settings.cameraCapacityVehPerHour();
    }

    /** Defaults only (no intersection model). */
    public static ApproachCapacities defaults(FlowSettings settings) {
        return new ApproachCapacities(Map.of(), Map.of(), settings);
    }

    /**
     * Capacities of every measuring point of {@code intersections} under their current plans: each approach (Σ of its
     * movements), and each detector spanning several approaches ({@link CityModel#approachOf}: Σ of its movements).
     * A movement id is accepted as an approach too (a feed that labels counts by movement).
     */
    public static ApproachCapacities fromModel(Collection<Intersection> intersections, FlowSettings settings) {
        Map<String, Double> caps = new HashMap<>();
        Map<String, double[]> where = new HashMap<>();
        for (Intersection ix : intersections) {
            Map<String, Double> byMovement = movementCapacities(ix);
            for (Movement m : ix.movements()) {
                caps.merge(ix.id() + '|' + m.approach(), byMovement.get(m.id()), Double::sum);
            }
            for (Detector d : ix.detectors()) {
                String point = CityModel.approachOf(ix, d);
                if (point.equals(d.id())) {
                    caps.put(ix.id() + '|' + d.id(), d.movementIds().stream().mapToDouble(byMovement::get).sum());
                }
            }
            byMovement.forEach((id, capacity) -> caps.putIfAbsent(ix.id() + '|' + id, capacity));
            if (!Double.isNaN(ix.latitude()) && !Double.isNaN(ix.longitude())) {
                where.put(ix.id(), new double[]{ix.longitude(), ix.latitude()});
            }
        }
        return new ApproachCapacities(caps, where, settings);
    }

    /**
     * Capacity (veh/h) of each movement of {@code ix} under its current plan: saturation flow × effective green /
     * cycle, the optimiser's own arithmetic ({@link SignalTimingOptimiser#loads}).
     */
    public static Map<String, Double> movementCapacities(Intersection ix) {
        SignalTimingOptimiser optimiser = new SignalTimingOptimiser(TimingSettings.defaults());
        Map<String, Double> noFlows = new HashMap<>();
        for (Movement m : ix.movements()) {
            noFlows.put(m.id(), 0.0);
        }
        double cycle = ix.currentCycleSeconds();
        Map<String, Double> out = new HashMap<>();
        for (SignalTimingOptimiser.MovementLoad load : optimiser.loads(ix, noFlows, ix.currentDurations())) {
            out.put(load.movementId(), load.saturationVehPerHour() * Math.min(1.0, load.effectiveGreenSeconds() / cycle));
        }
        return out;
    }

    /** Capacity of the approach; {@code reportingSources} scales the per-lane default for unknown detectors. */
    public double capacityVehPerHour(String intersectionId, String approach, String source, int reportingSources) {
        Double known = byApproach.get(intersectionId + '|' + approach);
        if (known != null && known > 0) {
            return known;
        }
        return Observation.CAMERA.equals(source) ? cameraCapacityVehPerHour
                : laneCapacityVehPerHour * Math.max(1, reportingSources);
    }

    /** {lon, lat} of the intersection, or null. */
    public double[] location(String intersectionId) {
        return locations.get(intersectionId);
    }

    public int knownApproaches() {
        return byApproach.size();
    }

    /** The capacity the model gives the measuring point, or NaN when it does not know it. */
    public double modelledVehPerHour(String intersectionId, String approach) {
        Double known = byApproach.get(intersectionId + '|' + approach);
        return known == null ? Double.NaN : known;
    }
}
