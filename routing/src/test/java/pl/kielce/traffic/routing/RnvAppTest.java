package pl.kielce.traffic.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import pl.kielce.traffic.routing.graph.GraphLifecycle;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the HTTP tests: the real app on the real RNV extract and timetable (one Spring context shared by all
 * subclasses), real-time updates from a real Kafka broker, the access check with a test zone around the Mannheim
 * centre (src/test/resources/rnv-zone). The street graph is cached under target/graph-cache across runs.
 */
@EnabledIf("pl.kielce.traffic.routing.RnvData#present")
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RnvAppTest {
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;
    @Autowired
    protected GraphLifecycle graph;
    protected final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        Path zone = Path.of("src/test/resources/rnv-zone").toAbsolutePath();
        r.add("routing.osm", () -> RnvData.osm().toString());
        r.add("routing.gtfs", () -> RnvData.gtfs().toString());
        r.add("routing.graph-dir", () -> "target/graph-cache");
        r.add("routing.realtime.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
        r.add("routing.zone-policy.pack", zone::toString);
        r.add("routing.zone-policy.register-csv", () -> zone.resolve("register.csv").toString());
        r.add("routing.park-and-ride", () -> zone.resolve("park-and-ride.geojson").toString());
    }

    @BeforeEach
    void graphLoaded() throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (graph.current().isEmpty() && System.nanoTime() < until) {
            assertThat(graph.failure()).isEmpty();
            Thread.sleep(200);
        }
        assertThat(graph.current()).as("graph loaded").isPresent();
    }

    protected HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postJson(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
