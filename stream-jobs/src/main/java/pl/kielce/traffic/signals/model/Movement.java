package pl.kielce.traffic.signals.model;

import java.util.List;
import java.util.Objects;

/**
 * A lane group that is signalled together: it leaves one approach over {@code laneCount} lanes
 * towards one or more turns. Capacity = saturation flow × effective green / cycle.
 *
 * @param id                         unique within the intersection
 * @param approach                   approach name (street, or SUMO edge id)
 * @param turns                      turns served by the group
 * @param laneCount                  lanes in the group (≥ 1)
 * @param saturationFlowVehPerHour   discharge rate of the whole group under protected green
 * @param minGreenSeconds            shortest green for vehicles (and the parallel pedestrian crossing)
 * @param pedestrianMinGreenSeconds  walk + clearance of the parallel crossing, 0 if none
 * @param controllerLinks            link indices of the controller (SUMO linkIndex), empty for none
 */
public record Movement(String id, String approach, List<TurnDirection> turns, int laneCount,
                       double saturationFlowVehPerHour, double minGreenSeconds,
                       double pedestrianMinGreenSeconds, List<Integer> controllerLinks) {
    public Movement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(approach, "approach");
        turns = List.copyOf(turns);
        controllerLinks = List.copyOf(controllerLinks);
        if (id.isBlank()) throw new IllegalArgumentException("movement id is blank");
        if (laneCount < 1) throw new IllegalArgumentException("movement " + id + ": laneCount must be ≥ 1, was " + laneCount);
        if (!(saturationFlowVehPerHour > 0)) {
            throw new IllegalArgumentException("movement " + id + ": saturationFlowVehPerHour must be > 0, was " + saturationFlowVehPerHour);
        }
        if (minGreenSeconds < 0 || pedestrianMinGreenSeconds < 0) {
            throw new IllegalArgumentException("movement " + id + ": minimum greens must be ≥ 0");
        }
    }

    /** The binding minimum green: vehicles or the parallel pedestrian crossing, whichever is longer. */
    public double requiredGreenSeconds() {
        return Math.max(minGreenSeconds, pedestrianMinGreenSeconds);
    }
}
