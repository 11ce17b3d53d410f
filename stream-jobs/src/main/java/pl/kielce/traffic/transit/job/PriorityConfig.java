package pl.kielce.traffic.transit.job;

import pl.kielce.traffic.signals.city.CityIntersections;
import pl.kielce.traffic.transit.priority.SignalisedJunctions;
import pl.kielce.traffic.transit.priority.TransitPrioritySettings;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Transit signal priority in the transit job: the city's intersection model (read once per task manager JVM,
 * like the GTFS feed) and the rules.
 *
 * @param intersectionsPath {@code cities/<city>/intersections.xml}
 */
public record PriorityConfig(String intersectionsPath, TransitPrioritySettings settings) implements Serializable {
    private static final ConcurrentMap<Path, SignalisedJunctions> MODELS = new ConcurrentHashMap<>();

    public PriorityConfig {
        Objects.requireNonNull(intersectionsPath, "intersectionsPath");
        Objects.requireNonNull(settings, "settings");
    }

    /** The junctions of the model a bus can ask priority at (loaded once per JVM and path). */
    public SignalisedJunctions junctions() {
        return MODELS.computeIfAbsent(Path.of(intersectionsPath).toAbsolutePath().normalize(), p -> {
            try {
                return SignalisedJunctions.of(CityIntersections.load(p).intersections());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the intersection model " + p + ": " + e.getMessage(), e);
            }
        });
    }

    /** Positions this close (straight line) to a junction are passed on: twice the approach distance, so the previous position is there too. */
    public double nearMeters() {
        return 2 * settings.maxApproachMeters();
    }
}
