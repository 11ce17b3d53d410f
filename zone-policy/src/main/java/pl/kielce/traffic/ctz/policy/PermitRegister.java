package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/** Port: permits issued by the city (plate + validity window + area + kind, e.g. medical, delivery). */
public interface PermitRegister {

    /** Whether the plate holds a permit valid at {@code at} in {@code zoneId} of one of {@code kinds} (empty = any kind). */
    boolean hasPermit(String plate, Instant at, String zoneId, Set<String> kinds);

    /**
     * @param zoneIds empty = every zone
     * @param validFrom inclusive
     * @param validTo exclusive
     */
    record Permit(String plate, String kind, Instant validFrom, Instant validTo, Set<String> zoneIds) implements Serializable {
        public Permit {
            if (!validTo.isAfter(validFrom)) throw new IllegalArgumentException("permit validTo must be after validFrom");
            zoneIds = Set.copyOf(zoneIds);
        }

        public boolean covers(Instant at, String zoneId) {
            return !at.isBefore(validFrom) && at.isBefore(validTo) && (zoneIds.isEmpty() || zoneIds.contains(zoneId));
        }
    }
}
