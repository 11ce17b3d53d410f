package pl.kielce.traffic.flows;

import pl.kielce.traffic.signals.city.CityIntersections;
import pl.kielce.traffic.signals.model.Detector;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.streams.LocalStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The city's intersection model for the flow job: {@code <city dir>/intersections.xml}, loaded by the signals code
 * ({@link CityIntersections}); the city dir is {@code TRAFFIC_CITY_DIR} (default {@code cities/kielce}), the same
 * setting the other jobs read through {@link LocalStack}.
 * <p>
 * <b>Measuring point of a detector</b> ({@link #approachOf}): a detector counts movements; when they all belong to one
 * approach, its counts are that approach's ({@code DetectorCount.approach} = the approach text of the model, e.g.
 * {@code "al. Solidarności from north"}); a detector spanning several approaches (e.g. two opposing left turns on one
 * loop) is its own measuring point, named by its detector id. The signal-timing job maps both back to movements.
 */
public final class CityModel {
    public static final String FILE_NAME = "intersections.xml";

    private CityModel() {
    }

    /** Intersections of the city in {@code TRAFFIC_CITY_DIR} (default {@code cities/kielce}). */
    public static List<Intersection> kielce() {
        return load(Path.of(LocalStack.fromEnvironment().cityDir()));
    }

    /**
     * Intersections of {@code cityDir}/intersections.xml.
     *
     * @throws IllegalStateException naming the file when it is missing or invalid (the loader's message names the line)
     */
    public static List<Intersection> load(Path cityDir) {
        Path file = cityDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no intersection model at " + file.toAbsolutePath()
                    + " (set TRAFFIC_CITY_DIR to the city folder, e.g. cities/kielce)");
        }
        try {
            return CityIntersections.load(file).intersections();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot load the intersection model " + file + ": " + e.getMessage(), e);
        }
    }

    /** Capacities of the model's approaches under the shipped plans (see {@link ApproachCapacities#fromModel}). */
    public static ApproachCapacities capacities(Path cityDir, FlowSettings settings) {
        return ApproachCapacities.fromModel(load(cityDir), settings);
    }

    /** Capacities from the model in {@code TRAFFIC_CITY_DIR}. */
    public static ApproachCapacities capacities(FlowSettings settings) {
        return ApproachCapacities.fromModel(kielce(), settings);
    }

    /** The measuring point (flow {@code approach}) of a detector: its movements' approach, or its id when they span several. */
    public static String approachOf(Intersection ix, Detector d) {
        Set<String> approaches = new LinkedHashSet<>();
        Map<String, Movement> byId = new java.util.HashMap<>();
        ix.movements().forEach(m -> byId.put(m.id(), m));
        for (String id : d.movementIds()) {
            approaches.add(byId.get(id).approach());
        }
        return approaches.size() == 1 ? approaches.iterator().next() : d.id();
    }
}
