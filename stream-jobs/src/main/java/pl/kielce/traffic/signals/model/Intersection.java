package pl.kielce.traffic.signals.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A signalised intersection (or a cluster of junctions run by one controller): its movements, its
 * cyclic sequence of steps (green stages and the intergreens between them), its detectors, its
 * cycle bounds and the coordinated corridors it belongs to.
 *
 * @param latitude            WGS84, NaN when unknown (e.g. imported from a SUMO network)
 * @param currentOffsetSeconds offset of the running plan
 */
public record Intersection(String id, String name, double latitude, double longitude,
                           List<Movement> movements, List<Step> steps, List<Detector> detectors,
                           double minCycleSeconds, double maxCycleSeconds, double currentOffsetSeconds,
                           List<String> corridorIds) {
    public Intersection {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        movements = List.copyOf(movements);
        steps = List.copyOf(steps);
        detectors = List.copyOf(detectors);
        corridorIds = List.copyOf(corridorIds);
        if (movements.isEmpty()) throw new IllegalArgumentException("intersection " + id + " has no movements");
        if (steps.stream().noneMatch(Step::isStage)) throw new IllegalArgumentException("intersection " + id + " has no green stage");
        Set<String> ids = new HashSet<>();
        for (Movement m : movements) {
            if (!ids.add(m.id())) throw new IllegalArgumentException("intersection " + id + ": duplicate movement " + m.id());
        }
        for (Step s : steps) {
            if (s.indications().size() != movements.size()) {
                throw new IllegalArgumentException("intersection " + id + ", step " + s.id() + ": " + s.indications().size()
                        + " indications for " + movements.size() + " movements");
            }
        }
        for (int m = 0; m < movements.size(); m++) {
            final int mi = m;
            if (steps.stream().noneMatch(s -> s.indications().get(mi).isGreen())) {
                throw new IllegalArgumentException("intersection " + id + ": movement " + movements.get(m).id() + " never gets green");
            }
        }
        for (Detector d : detectors) {
            for (String mid : d.movementIds()) {
                if (!ids.contains(mid)) {
                    throw new IllegalArgumentException("intersection " + id + ", detector " + d.id() + ": unknown movement " + mid);
                }
            }
        }
        if (!(minCycleSeconds > 0) || maxCycleSeconds < minCycleSeconds) {
            throw new IllegalArgumentException("intersection " + id + ": need 0 < minCycleSeconds ≤ maxCycleSeconds");
        }
    }

    public int movementIndex(String movementId) {
        for (int i = 0; i < movements.size(); i++) {
            if (movements.get(i).id().equals(movementId)) return i;
        }
        throw new IllegalArgumentException("intersection " + id + ": no movement " + movementId);
    }

    /** Cycle length of the current plan. */
    public double currentCycleSeconds() {
        return steps.stream().mapToDouble(Step::durationSeconds).sum();
    }

    /** Sum of the fixed intergreen steps (part of the lost time of every cycle). */
    public double intergreenSeconds() {
        return steps.stream().filter(s -> !s.isStage()).mapToDouble(Step::durationSeconds).sum();
    }

    public double[] currentDurations() {
        return steps.stream().mapToDouble(Step::durationSeconds).toArray();
    }

    public Map<String, Detector> detectorsById() {
        Map<String, Detector> out = new HashMap<>();
        detectors.forEach(d -> out.put(d.id(), d));
        return out;
    }
}
