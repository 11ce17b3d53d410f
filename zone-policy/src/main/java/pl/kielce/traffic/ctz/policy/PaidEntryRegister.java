package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/** Port: paid entries (day passes, hourly payments, monthly passes) bought for a plate. */
public interface PaidEntryRegister {

    /** Whether a payment of one of {@code products} (empty = any) covers the plate at {@code at} in {@code zoneId}. */
    boolean hasPaidEntry(String plate, Instant at, String zoneId, Set<String> products);

    /** @param product e.g. {@code hourly}, {@code day-pass}, {@code monthly}; validTo exclusive; zoneIds empty = all */
    record Payment(String plate, String product, Instant validFrom, Instant validTo, Set<String> zoneIds) implements Serializable {
        public Payment {
            if (!validTo.isAfter(validFrom)) throw new IllegalArgumentException("payment validTo must be after validFrom");
            zoneIds = Set.copyOf(zoneIds);
        }

        public boolean covers(Instant at, String zoneId) {
            return !at.isBefore(validFrom) && at.isBefore(validTo) && (zoneIds.isEmpty() || zoneIds.contains(zoneId));
        }
    }
}
