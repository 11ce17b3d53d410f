package pl.kielce.traffic.counts.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Camera ids from a GeoJSON FeatureCollection of Points with property {@code id} ({@code cities/kielce/cameras.geojson}). */
public final class CameraSites {
    /** Used only when no camera file exists. */
    public static final List<String> FALLBACK = List.of("KCE-CAM-01", "KCE-CAM-02", "KCE-CAM-03", "KCE-CAM-04", "KCE-CAM-05");

    private CameraSites() {
    }

    /** The camera ids in {@code file}; throws with the file and the problem when it is not a usable FeatureCollection. */
    public static List<String> load(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw new IllegalArgumentException(file + ": expected a GeoJSON FeatureCollection");
        }
        List<String> ids = new ArrayList<>();
        int index = 0;
        for (JsonNode feature : root.path("features")) {
            String id = feature.path("properties").path("id").asText("");
            if (id.isBlank()) {
                throw new IllegalArgumentException(file + ": feature #" + index + " has no properties.id");
            }
            if (!"Point".equals(feature.path("geometry").path("type").asText())) {
                throw new IllegalArgumentException(file + ": camera " + id + " is not a Point");
            }
            ids.add(id);
            index++;
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(file + ": no cameras");
        }
        return List.copyOf(ids);
    }

    /** {@link #load} when the file exists, else {@link #FALLBACK}. */
    public static List<String> loadOrFallback(Path file) throws IOException {
        return Files.exists(file) ? load(file) : FALLBACK;
    }
}
