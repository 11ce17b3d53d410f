package pl.kielce.traffic.routing.transit.realtime;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;

import pl.kielce.traffic.routing.transit.scan.TransitNetwork;

/**
 * The single writer of real-time state (the pattern OpenTripPlanner uses): feed messages from any
 * source are queued to one thread, which applies them to a copy of the current snapshot and publishes
 * the new snapshot; queries keep reading the snapshot they started with.
 */
public final class RealtimeUpdater implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeUpdater.class);

    private final TransitNetwork network;
    private final TripUpdateApplier applier;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "realtime-writer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public RealtimeUpdater(TransitNetwork network, TripUpdateApplier applier) {
        this.network = network;
        this.applier = applier;
    }

    /** Queues a feed message; returns at once. */
    public Future<?> submit(FeedMessage feed) {
        return writer.submit(() -> apply(feed));
    }

    private void apply(FeedMessage feed) {
        try {
            TripUpdateApplier.Changes c = applier.changes(feed);
            RealtimeSnapshot current = network.realtime();
            Map<TripInstance, TripRealtime> changes = new HashMap<>(c.trips());
            if (c.fullDataset()) {
                // a full dataset replaces everything it does not mention
                RealtimeSnapshot cleared = current;
                Map<TripInstance, TripRealtime> removals = new HashMap<>();
                for (TripInstance k : currentKeys(current)) {
                    if (!changes.containsKey(k)) {
                        removals.put(k, null);
                    }
                }
                changes.putAll(removals);
                network.publish(cleared.with(changes));
            } else {
                network.publish(current.with(changes));
            }
            applied.addAndGet(c.trips().size());
            rejected.addAndGet(c.rejected().size());
            if (!c.rejected().isEmpty()) {
                LOG.warn("GTFS-RT: {} entities rejected, first: {}", c.rejected().size(), c.rejected().get(0));
            }
        } catch (RuntimeException e) {
            rejected.incrementAndGet();
            LOG.warn("GTFS-RT feed message not applied: {}", e.toString());
        }
    }

    private static Iterable<TripInstance> currentKeys(RealtimeSnapshot s) {
        return s.keys();
    }

    public long appliedTripUpdates() {
        return applied.get();
    }

    public long rejectedEntities() {
        return rejected.get();
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
