package pl.kielce.traffic.routing.transit.realtime;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Immutable, versioned view of all real-time trip states. Queries read one snapshot for their whole
 * run; the single writer ({@link RealtimeUpdater}) publishes a new one (copy-on-write).
 */
public final class RealtimeSnapshot {
    public static final RealtimeSnapshot EMPTY = new RealtimeSnapshot(0, Map.of(), Map.of());

    private final long version;
    private final Map<TripInstance, TripRealtime> trips;
    private final Map<LocalDate, Long> dateVersions;

    private RealtimeSnapshot(long version, Map<TripInstance, TripRealtime> trips, Map<LocalDate, Long> dateVersions) {
        this.version = version;
        this.trips = trips;
        this.dateVersions = dateVersions;
    }

    public long version() {
        return version;
    }

    /** The real-time state of a trip run, or null when only the schedule is known. */
    public TripRealtime get(int trip, LocalDate serviceDate) {
        return trips.isEmpty() ? null : trips.get(new TripInstance(trip, serviceDate));
    }

    /** Version of the last change touching the given service date (0 when never changed). */
    public long versionOf(LocalDate serviceDate) {
        return dateVersions.getOrDefault(serviceDate, 0L);
    }

    /** The trip runs with real-time state. */
    public java.util.Set<TripInstance> keys() {
        return trips.keySet();
    }

    public int size() {
        return trips.size();
    }

    /** A new snapshot with the given trip states replaced (null value = back to schedule). */
    public RealtimeSnapshot with(Map<TripInstance, TripRealtime> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        long v = version + 1;
        Map<TripInstance, TripRealtime> t = new HashMap<>(trips);
        Map<LocalDate, Long> d = new HashMap<>(dateVersions);
        changes.forEach((k, val) -> {
            if (val == null) {
                t.remove(k);
            } else {
                t.put(k, val);
            }
            d.put(k.serviceDate(), v);
        });
        return new RealtimeSnapshot(v, Map.copyOf(t), Map.copyOf(d));
    }
}
