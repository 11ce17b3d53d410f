package pl.kielce.traffic.routing.street;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.GraphHopperConfig;
import com.graphhopper.ResponsePath;
import com.graphhopper.config.CHProfile;
import com.graphhopper.config.Profile;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.GHUtility;
import com.graphhopper.util.PointList;
import com.graphhopper.util.shapes.GHPoint;

import pl.kielce.traffic.routing.journeys.LatLon;
import pl.kielce.traffic.routing.journeys.StreetWalks;
import pl.kielce.traffic.routing.transit.gtfs.GtfsReader;

/**
 * The street network (GraphHopper 10.2): profile {@code foot} with CH for walk paths, profile {@code car} without
 * CH/LM so request-time custom models (zone avoidance) work. The imported graph is cached in {@code <cacheDir>/<osm sha-256 prefix>}; a changed
 * OSM file gets a fresh import and older caches are removed.
 */
public final class StreetGraph implements StreetWalks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreetGraph.class);
    /** Points farther than this from any street are outside the network. */
    public static final double MAX_SNAP_METERS = 1_000;
    static final String ENCODED_VALUES = "car_access, car_average_speed, road_class, road_environment, max_speed, "
            + "foot_access, hike_rating, mtb_rating, foot_priority, foot_average_speed";

    static final String LAYOUT = "foot-ch.car-flex.v1";

    private final GraphHopper hopper;
    private final Path location;

    private StreetGraph(GraphHopper hopper, Path location) {
        this.hopper = hopper;
        this.location = location;
    }

    public static StreetGraph open(Path osm, Path cacheDir) throws IOException {
        if (!Files.isRegularFile(osm)) {
            throw new IOException(osm + ": no such OSM file");
        }
        String checksum = GtfsReader.sha256(osm).substring(0, 16);
        // the key also names the graph layout (profiles, CH), so a changed layout is a fresh import too
        Path location = cacheDir.resolve(checksum + "-" + LAYOUT);
        Files.createDirectories(cacheDir);
        try (Stream<Path> old = Files.list(cacheDir)) {
            for (Path p : old.filter(p -> Files.isDirectory(p) && !p.equals(location)).toList()) {
                LOG.info("removing street graph cache {} of an older OSM file", p);
                deleteRecursively(p);
            }
        }
        GraphHopperConfig config = new GraphHopperConfig();
        config.putObject("datareader.file", osm.toAbsolutePath().toString());
        config.putObject("graph.location", location.toAbsolutePath().toString());
        config.putObject("import.osm.ignored_highways", "");
        config.putObject("graph.encoded_values", ENCODED_VALUES);
        config.setProfiles(List.of(
                new Profile("foot").setCustomModel(GHUtility.loadCustomModelFromJar("foot.json")),
                new Profile("car").setCustomModel(GHUtility.loadCustomModelFromJar("car.json"))));
        // walks use CH (fast one-to-one paths); cars stay flexible so a request-time custom model (zone avoidance) works
        config.setCHProfiles(List.of(new CHProfile("foot")));
        GraphHopper hopper = new GraphHopper().init(config);
        long t = System.nanoTime();
        hopper.importOrLoad();
        LOG.info("street graph {} ready in {} ms ({} nodes)", location, (System.nanoTime() - t) / 1_000_000,
                hopper.getBaseGraph().getNodes());
        return new StreetGraph(hopper, location);
    }

    public GraphHopper hopper() {
        return hopper;
    }

    public Path location() {
        return location;
    }

    @Override
    public Optional<WalkPath> walk(LatLon from, LatLon to) {
        GHRequest req = new GHRequest(from.lat(), from.lon(), to.lat(), to.lon()).setProfile("foot");
        req.putHint("instructions", false);
        GHResponse r = hopper.route(req);
        if (r.hasErrors()) {
            return Optional.empty();
        }
        ResponsePath p = r.getBest();
        return Optional.of(new WalkPath(p.getDistance(), lonLat(p.getPoints())));
    }

    @Override
    public boolean covers(LatLon point) {
        Snap s = hopper.getLocationIndex().findClosest(point.lat(), point.lon(), EdgeFilter.ALL_EDGES);
        return s.isValid() && s.getQueryDistance() <= MAX_SNAP_METERS;
    }

    /** A car route, optionally with a request-time custom model (e.g. a zone to avoid). */
    public GHResponse drive(LatLon from, LatLon to, CustomModel customModel) {
        GHRequest req = new GHRequest(from.lat(), from.lon(), to.lat(), to.lon()).setProfile("car");
        // only foot has CH: car routes are flexible (needed for request-time custom models anyway)
        req.putHint("ch.disable", true);
        req.putHint("instructions", false);
        if (customModel != null) {
            req.setCustomModel(customModel);
        }
        return hopper.route(req);
    }

    public static List<double[]> lonLat(PointList points) {
        List<double[]> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            out.add(new double[]{Math.round(points.getLon(i) * 1e6) / 1e6, Math.round(points.getLat(i) * 1e6) / 1e6});
        }
        return out;
    }

    public static GHPoint point(LatLon p) {
        return new GHPoint(p.lat(), p.lon());
    }

    @Override
    public void close() {
        hopper.close();
    }

    static void deleteRecursively(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
