package pl.kielce.traffic.console.map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import pl.kielce.traffic.console.ConsoleProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The city pack's map layers as GeoJSON, read from {@code console.city-dir} (cameras.geojson, zone files,
 * intersections.geojson). A missing file is an empty layer (with a logged note), never an error page.
 */
@Component
public class CityPack {
    private static final Logger LOG = LoggerFactory.getLogger(CityPack.class);
    private final Path dir;
    private final ObjectMapper json;

    CityPack(ConsoleProperties props, ObjectMapper json) {
        this.dir = props.cityDir();
        this.json = json;
    }

    public Path dir() {
        return dir;
    }

    /** cameras.geojson, or an empty collection. */
    public JsonNode cameras() {
        return read(dir.resolve("cameras.geojson"));
    }

    /** intersections.geojson (signals helper), or an empty collection. */
    public JsonNode intersections() {
        return read(dir.resolve("intersections.geojson"));
    }

    /**
     * Zone stages: every {@code *.geojson} under the pack's {@code zones/} folder, or top-level files whose name
     * contains "zone"; each feature keeps its properties and gets {@code layerFile}.
     */
    public JsonNode zones() {
        ObjectNode fc = emptyCollection();
        List<Path> files = zoneFiles();
        for (Path f : files) {
            JsonNode layer = read(f);
            for (JsonNode feature : layer.path("features")) {
                if (feature instanceof ObjectNode o) {
                    JsonNode props = o.path("properties");
                    if (props instanceof ObjectNode p) {
                        p.put("layerFile", dir.relativize(f).toString());
                    }
                    fc.withArray("features").add(o);
                }
            }
        }
        return fc;
    }

    /** Camera id → display name, from cameras.geojson. */
    public Map<String, String> cameraNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode f : cameras().path("features")) {
            String id = f.path("properties").path("id").asString(f.path("id").asString(""));
            if (!id.isEmpty()) {
                names.put(id, f.path("properties").path("name").asString(id));
            }
        }
        return names;
    }

    public Optional<String> cameraName(String id) {
        return Optional.ofNullable(id).map(cameraNames()::get);
    }

    /** Text files of the pack (policy), for the policy view. */
    public Optional<Path> find(String... names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private List<Path> zoneFiles() {
        try {
            Path zonesDir = dir.resolve("zones");
            Stream<Path> s = Files.isDirectory(zonesDir) ? Files.walk(zonesDir, 2)
                    : Files.isDirectory(dir) ? Files.list(dir).filter(p -> p.getFileName().toString().contains("zone")) : Stream.empty();
            try (s) {
                return s.filter(p -> p.toString().endsWith(".geojson") || p.toString().endsWith(".json"))
                        .filter(Files::isRegularFile).sorted().toList();
            }
        } catch (IOException e) {
            LOG.warn("cannot list zone files in {}: {}", dir, e.toString());
            return List.of();
        }
    }

    private JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return emptyCollection();
        }
        try {
            return json.readTree(file.toFile());
        } catch (RuntimeException e) {
            LOG.warn("{} is not valid GeoJSON ({}); the layer is left empty", file, e.getMessage());
            return emptyCollection();
        }
    }

    private ObjectNode emptyCollection() {
        ObjectNode fc = json.createObjectNode();
        fc.put("type", "FeatureCollection");
        fc.putArray("features");
        return fc;
    }
}
