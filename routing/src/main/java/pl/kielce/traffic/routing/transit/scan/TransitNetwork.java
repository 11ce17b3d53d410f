package pl.kielce.traffic.routing.transit.scan;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import pl.kielce.traffic.routing.transit.model.Timetable;
import pl.kielce.traffic.routing.transit.realtime.RealtimeSnapshot;

/**
 * The timetable, its footpaths and the current real-time snapshot. Per-date connection arrays are built
 * on first use and rebuilt when the snapshot changed that date. Thread-safe; readers never block the
 * real-time writer.
 */
public final class TransitNetwork {
    private static final int CACHED_DAYS = 40;

    private final Timetable timetable;
    private final WalkSettings walk;
    private final Footpaths footpaths;
    private final DayConnections allTrips;
    private final AtomicReference<RealtimeSnapshot> realtime = new AtomicReference<>(RealtimeSnapshot.EMPTY);
    private final Map<LocalDate, DayConnections> days = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, DayConnections> eldest) {
            return size() > CACHED_DAYS;
        }
    };

    public TransitNetwork(Timetable timetable, WalkSettings walk) {
        this.timetable = Objects.requireNonNull(timetable);
        this.walk = Objects.requireNonNull(walk);
        this.footpaths = Footpaths.build(timetable, walk);
        this.allTrips = DayConnections.allTrips(timetable);
    }

    public Timetable timetable() {
        return timetable;
    }

    public WalkSettings walk() {
        return walk;
    }

    Footpaths footpaths() {
        return footpaths;
    }

    public int footpathCount() {
        return footpaths.count();
    }

    public RealtimeSnapshot realtime() {
        return realtime.get();
    }

    /** Publishes a new real-time snapshot; queries started afterwards see it. */
    public void publish(RealtimeSnapshot snapshot) {
        realtime.set(Objects.requireNonNull(snapshot));
    }

    DayConnections day(LocalDate date, RealtimeSnapshot snapshot) {
        long version = snapshot.versionOf(date);
        DayConnections d;
        synchronized (days) {
            d = days.get(date);
        }
        if (d != null && d.realtimeVersion == version) {
            return d;
        }
        DayConnections built = DayConnections.build(timetable, date, snapshot, allTrips);
        synchronized (days) {
            DayConnections current = days.get(date);
            if (current == null || current.realtimeVersion < built.realtimeVersion || current.realtimeVersion != version) {
                days.put(date, built);
            }
        }
        return built;
    }

    /** Builds the connection arrays of these dates now (start-up warm-up). */
    public void prepare(LocalDate date) {
        day(date, realtime.get());
    }
}
