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
 */
public record ReplayPassage(String cameraId, Instant at, VehicleFacts vehicle, String plateCountry) implements Serializable {
    public ReplayPassage {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(at, "at");
    }
}
