package pl.kielce.traffic.ctz.policy.whatif;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

/**
 * A past passage for what-if replays: camera, moment and the register facts — no plate. Plate-based
 * exemptions (residents, permits, passes…) are therefore not applied; vehicle-based ones (services, fuel,
 * historic) are.
 *
 * @param vehicle      register facts, {@code null} when the vehicle was unknown
 * @param plateCountry {@code null} when not recorded (treated as domestic)
 * @param count        how many passages this row stands for (≥ 1): replays of aggregates, e.g. the
 *                     enforcement job's counts by camera, hour, category, fuel and Euro norm
 */
public record ReplayPassage(String cameraId, Instant at, VehicleFacts vehicle, String plateCountry, long count) implements Serializable {
    public ReplayPassage {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(at, "at");
        if (count < 1) throw new IllegalArgumentException("count must be at least 1, was " + count);
    }

    /** One passage. */
    public ReplayPassage(String cameraId, Instant at, VehicleFacts vehicle, String plateCountry) {
        this(cameraId, at, vehicle, plateCountry, 1);
    }
}
