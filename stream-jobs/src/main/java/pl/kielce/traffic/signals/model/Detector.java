package pl.kielce.traffic.signals.model;

import java.util.List;
import java.util.Objects;

/**
 * A vehicle detector (loop, video zone, camera line) whose counts are attributed to movements.
 * A count is split evenly over the movements listed (a shared lane feeds several groups).
 */
public record Detector(String id, List<String> movementIds) {
    public Detector {
        Objects.requireNonNull(id, "id");
        movementIds = List.copyOf(movementIds);
        if (movementIds.isEmpty()) throw new IllegalArgumentException("detector " + id + " measures no movement");
    }
}
