package pl.kielce.traffic.routing.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import pl.kielce.traffic.routing.journeys.JourneyPlanner;
import pl.kielce.traffic.routing.street.StreetGraph;
import pl.kielce.traffic.routing.transit.gtfs.GtfsReader;
import pl.kielce.traffic.routing.transit.model.Timetable;
import pl.kielce.traffic.routing.transit.realtime.RealtimeUpdater;
import pl.kielce.traffic.routing.transit.realtime.TripUpdateApplier;
import pl.kielce.traffic.routing.transit.scan.ConnectionScanRouter;
import pl.kielce.traffic.routing.transit.scan.TransitNetwork;
import pl.kielce.traffic.routing.transit.scan.WalkSettings;

/**
 * Loads the routing graph in the background at start-up (street graph from the on-disk cache keyed by
 * the OSM checksum, or a fresh import), then checks the input files every {@code checkSeconds} and
 * re-imports when they changed, swapping the new graph in atomically. {@link #current()} is empty until
 * the first load finished: readiness follows it.
 */
public final class GraphLifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphLifecycle.class);

    private final Path osm;
    private final Path gtfs;
    private final Path cacheDir;
    private final WalkSettings walk;
    private final boolean wheelchairUnknownAllowed;
    private final Clock clock;
    private final Consumer<RoutingGraph> onLoaded;
    private final AtomicReference<RoutingGraph> current = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final ScheduledExecutorService loader = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graph-loader");
        t.setDaemon(true);
        return t;
    });

    public GraphLifecycle(Path osm, Path gtfs, Path cacheDir, WalkSettings walk, boolean wheelchairUnknownAllowed, Clock clock,
                          Consumer<RoutingGraph> onLoaded) {
        this.osm = osm;
        this.gtfs = gtfs;
        this.cacheDir = cacheDir;
        this.walk = walk;
        this.wheelchairUnknownAllowed = wheelchairUnknownAllowed;
        this.clock = clock;
        this.onLoaded = onLoaded;
    }

    public void start(long checkSeconds) {
        loader.scheduleWithFixedDelay(this::loadIfChanged, 0, Math.max(1, checkSeconds), TimeUnit.SECONDS);
    }

    /** The loaded graph, or empty while the first import runs (or failed: see {@link #failure()}). */
    public Optional<RoutingGraph> current() {
        return Optional.ofNullable(current.get());
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    void loadIfChanged() {
        try {
            String fp = fingerprint();
            RoutingGraph g = current.get();
            if (g != null && g.inputs().fingerprint().equals(fp)) {
                return;
            }
            LOG.info("{} routing graph from {} and {}", g == null ? "loading" : "inputs changed, re-importing", osm, gtfs);
            RoutingGraph loaded = load(fp);
            RoutingGraph old = current.getAndSet(loaded);
            failure.set(null);
            onLoaded.accept(loaded);
            if (old != null) {
                old.realtime().close();
                old.streets().close();
            }
        } catch (Exception | OutOfMemoryError e) {
            failure.set(e.toString());
            LOG.error("routing graph not loaded: {}", e.toString(), e);
        }
    }

    private RoutingGraph load(String fingerprint) throws IOException {
        long t = System.nanoTime();
        Timetable tt = GtfsReader.read(gtfs);
        TransitNetwork network = new TransitNetwork(tt, walk);
        String gtfsKey = tt.feedChecksum.substring(0, 16);
        StreetGraph streets = StreetGraph.open(osm, cacheDir.resolve("street"));
        JourneyPlanner planner = new JourneyPlanner(new ConnectionScanRouter(network, wheelchairUnknownAllowed), streets);
        RealtimeUpdater updater = new RealtimeUpdater(network, new TripUpdateApplier(tt, clock));
        long ms = (System.nanoTime() - t) / 1_000_000;
        LOG.info("routing graph ready in {} ms: {} stops, {} trips, {} footpaths (GTFS {}), street graph {}",
                ms, tt.stopCount(), tt.tripCount(), network.footpathCount(), gtfsKey, streets.location());
        return new RoutingGraph(new RoutingGraph.Inputs(osm, gtfs, fingerprint), streets, network, planner, updater, ms);
    }

    private String fingerprint() throws IOException {
        return Files.size(osm) + ":" + Files.getLastModifiedTime(osm).toMillis() + "|" + Files.size(gtfs) + ":"
                + Files.getLastModifiedTime(gtfs).toMillis();
    }

    @Override
    public void close() {
        loader.shutdownNow();
        RoutingGraph g = current.getAndSet(null);
        if (g != null) {
            g.realtime().close();
            g.streets().close();
        }
    }
}
