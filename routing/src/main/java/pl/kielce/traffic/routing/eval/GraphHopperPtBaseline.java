package pl.kielce.traffic.routing.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopperConfig;
import com.graphhopper.ResponsePath;
import com.graphhopper.Trip;
import com.graphhopper.config.Profile;
import com.graphhopper.gtfs.GraphHopperGtfs;
import com.graphhopper.gtfs.PtRouter;
import com.graphhopper.gtfs.PtRouterImpl;
import com.graphhopper.gtfs.Request;
import com.graphhopper.util.GHUtility;
import com.graphhopper.util.TranslationMap;

/**
 * GraphHopper 10.2's public-transport router used as shipped (default request settings), the baseline
 * the connection scan is measured against.
 */
final class GraphHopperPtBaseline {
    private final GraphHopperGtfs hopper;
    private final PtRouter router;
    private final ZoneId zone;

    private GraphHopperPtBaseline(GraphHopperGtfs hopper, PtRouter router, ZoneId zone) {
        this.hopper = hopper;
        this.router = router;
        this.zone = zone;
    }

    static GraphHopperPtBaseline open(Path osm, Path gtfs, Path location) {
        GraphHopperConfig config = new GraphHopperConfig();
        config.putObject("datareader.file", osm.toAbsolutePath().toString());
        config.putObject("gtfs.file", gtfs.toAbsolutePath().toString());
        config.putObject("graph.location", location.toAbsolutePath().toString());
        config.putObject("import.osm.ignored_highways", "");
        config.putObject("graph.encoded_values", "foot_access, hike_rating, mtb_rating, foot_priority, foot_average_speed");
        config.setProfiles(List.of(new Profile("foot").setCustomModel(GHUtility.loadCustomModelFromJar("foot.json"))));
        GraphHopperGtfs gh = new GraphHopperGtfs(config);
        gh.init(config);
        try {
            gh.importOrLoad();
        } catch (RuntimeException | java.io.IOError e) {
            // a cache left unclosed by an interrupted run: import again
            try {
                gh.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
            deleteRecursively(location);
            gh = new GraphHopperGtfs(config);
            gh.init(config);
            gh.importOrLoad();
        }
        PtRouter router = new PtRouterImpl.Factory(config, new TranslationMap().doImport(), gh.getBaseGraph(),
                gh.getEncodingManager(), gh.getLocationIndex(), gh.getGtfsStorage()).createWithoutRealtimeFeed();
        return new GraphHopperPtBaseline(gh, router, ZoneId.of("Europe/Berlin"));
    }

    void close() {
        hopper.close();
    }

    private static void deleteRecursively(Path p) {
        try (var s = java.nio.file.Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(x);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    JourneysEval.Outcome route(ReferenceQuery q) {
        long s = System.nanoTime();
        Request req = new Request(q.fromLat(), q.fromLon(), q.toLat(), q.toLon());
        req.setEarliestDepartureTime(q.departure().atZone(zone).toInstant());
        GHResponse r;
        try {
            r = router.route(req);
        } catch (RuntimeException e) {
            return new JourneysEval.Outcome(null, 0, (System.nanoTime() - s) / 1e6);
        }
        double ms = (System.nanoTime() - s) / 1e6;
        if (r.hasErrors() || r.getAll().isEmpty()) {
            return new JourneysEval.Outcome(null, 0, ms);
        }
        ResponsePath best = r.getAll().stream()
                .min((a, b) -> arrival(a).compareTo(arrival(b))).get();
        int walk = best.getLegs().stream().filter(l -> l instanceof Trip.WalkLeg).mapToInt(l -> (int) Math.round(l.getDistance())).max().orElse(0);
        return new JourneysEval.Outcome(LocalDateTime.ofInstant(arrival(best), zone), walk, ms);
    }

    private static Instant arrival(ResponsePath p) {
        Trip.Leg last = p.getLegs().get(p.getLegs().size() - 1);
        return last.getArrivalTime().toInstant();
    }
}
