package pl.kielce.traffic.signals.model;

import java.util.List;
import java.util.Objects;

/**
 * One step of the signal sequence. A {@link Kind#STAGE} is a green stage whose length the
 * optimiser may change within [{@code minSeconds}, {@code maxSeconds}]; a {@link Kind#INTERGREEN}
 * is a fixed yellow / all-red transition ({@code minSeconds == maxSeconds == durationSeconds}).
 *
 * @param indications     indication of every movement of the intersection, in movement order
 * @param controllerState controller-native state (SUMO state string) or null
 */
public record Step(String id, Kind kind, double durationSeconds, double minSeconds, double maxSeconds,
                   List<Indication> indications, String controllerState) {
    public enum Kind { STAGE, INTERGREEN }

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        indications = List.copyOf(indications);
        if (durationSeconds < 0 || minSeconds < 0 || maxSeconds < minSeconds) {
            throw new IllegalArgumentException("step " + id + ": need 0 ≤ min ≤ max and duration ≥ 0 (min=" + minSeconds
                    + ", max=" + maxSeconds + ", duration=" + durationSeconds + ")");
        }
        if (kind == Kind.INTERGREEN && (minSeconds != durationSeconds || maxSeconds != durationSeconds)) {
            throw new IllegalArgumentException("step " + id + ": an intergreen has a fixed duration");
        }
    }

    public static Step intergreen(String id, double seconds, List<Indication> indications, String controllerState) {
        return new Step(id, Kind.INTERGREEN, seconds, seconds, seconds, indications, controllerState);
    }

    public boolean isStage() {
        return kind == Kind.STAGE;
    }
}
