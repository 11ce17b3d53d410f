package pl.kielce.traffic.anpr.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The cameras allowed to send images, by id, read from a GeoJSON FeatureCollection ({@code cities/kielce/cameras.geojson}). */
public final class CameraRegistry {
    /** A camera site: id and human name. */
    public record CameraSite(String id, String name) {
    }

    private final Map<String, CameraSite> cameras;

    public CameraRegistry(Map<String, CameraSite> cameras) {
        this.cameras = Map.copyOf(cameras);
    }

    public static CameraRegistry fromGeoJson(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        JsonNode features = root.path("features");
        if (!features.isArray()) {
            throw new IOException(file + ": not a GeoJSON FeatureCollection (no 'features' array)");
        }
        Map<String, CameraSite> out = new TreeMap<>();
        int i = 0;
        for (JsonNode f : features) {
            String id = f.path("properties").path("id").asText(f.path("id").asText(""));
            if (id.isBlank()) {
                throw new IOException(file + ": feature " + i + " has no id");
            }
            out.put(id, new CameraSite(id, f.path("properties").path("name").asText(id)));
            i++;
        }
        if (out.isEmpty()) {
            throw new IOException(file + ": no cameras");
        }
        return new CameraRegistry(out);
    }

    public Optional<CameraSite> find(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    public int size() {
        return cameras.size();
    }
}
