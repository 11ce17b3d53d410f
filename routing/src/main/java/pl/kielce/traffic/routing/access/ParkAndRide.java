package pl.kielce.traffic.routing.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A park-and-ride site (city data: a GeoJSON point with {@code id}, {@code name}, optional {@code capacity}). */
public record ParkAndRide(String id, String name, double lat, double lon, Integer capacity) {

    public ParkAndRide {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a park-and-ride site needs an id");
        }
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("park-and-ride " + id + ": not a position " + lat + "," + lon);
        }
    }

    /** Reads a GeoJSON FeatureCollection of points; errors name the file and the feature. */
    public static List<ParkAndRide> read(Path geojson) throws IOException {
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(geojson));
        List<ParkAndRide> out = new ArrayList<>();
        JsonNode features = root.path("features");
        if (!features.isArray()) {
            throw new IllegalArgumentException(geojson + ": expected a GeoJSON FeatureCollection with 'features'");
        }
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            JsonNode c = f.path("geometry").path("coordinates");
            if (!"Point".equals(f.path("geometry").path("type").asString("")) || c.size() < 2) {
                throw new IllegalArgumentException(geojson + " feature " + i + ": geometry must be a Point [lon, lat]");
            }
            JsonNode p = f.path("properties");
            String id = p.path("id").asString(f.path("id").asString(""));
            try {
                out.add(new ParkAndRide(id, p.path("name").asString(id), c.get(1).asDouble(), c.get(0).asDouble(),
                        p.has("capacity") ? p.get("capacity").asInt() : null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(geojson + " feature " + i + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }
}
