package pl.kielce.traffic.transit.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsReader;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;

/**
 * {@code ./traffic transit chain}: the whole chain against running services — ask the journey planner, make
 * the first ride of the answer run late with one vehicle position on Kafka, and wait until the planner's
 * answer shows the delay (the transit job in between turns the position into a TripUpdate). Exit 0 = PASS.
 */
@Command(name = "chain-check", mixinStandardHelpOptions = true,
        description = "Position -> transit job -> TripUpdate -> journey planner, checked against running services")
public final class ChainCheckCommand implements Callable<Integer> {
    @Option(names = "--gtfs", required = true)
    Path gtfs;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:59092")
    String bootstrapServers;

    @Option(names = "--planner", defaultValue = "http://127.0.0.1:8090", description = "journey planner base URL")
    String planner;

    @Option(names = "--from", defaultValue = "49.487440,8.466340")
    String from;

    @Option(names = "--to", defaultValue = "49.409330,8.693540")
    String to;

    @Option(names = "--departure", defaultValue = "2016-11-16T10:00:00")
    LocalDateTime departure;

    @Option(names = "--delay-seconds", defaultValue = "900")
    int delaySeconds;

    @Option(names = "--timeout-seconds", defaultValue = "300", description = "for the planner to get ready")
    int timeoutSeconds;

    @Option(names = "--react-seconds", defaultValue = "120", description = "for job and planner to react to the late bus")
    int reactSeconds;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        JsonNode before = null;
        while (before == null && System.nanoTime() < deadline) {
            before = firstItinerary();
            if (before == null) {
                Thread.sleep(1000);
            }
        }
        if (before == null) {
            System.out.println("chain-check: FAIL — the planner at " + planner + " gave no itinerary within " + timeoutSeconds + " s");
            return 1;
        }
        JsonNode ride = null;
        for (JsonNode leg : before.get("legs")) {
            if (!"WALK".equals(leg.path("mode").asText())) {
                ride = leg;
                break;
            }
        }
        if (ride == null) {
            System.out.println("chain-check: FAIL — the answer has no ride: " + before);
            return 1;
        }
        String tripId = ride.get("tripId").asText();
        String boardStop = ride.get("from").get("stopId").asText();
        System.out.println("before: " + describe(before));
        GtfsFeed feed = GtfsReader.read(gtfs);
        ScheduledTrip trip = feed.trip(tripId).orElseThrow(() -> new IllegalStateException("planner trip " + tripId + " not in " + gtfs));
        int board = 0;
        for (int i = 0; i < trip.stopCount(); i++) {
            if (trip.stop(i).id().equals(boardStop)) {
                board = i;
                break;
            }
        }
        int runBefore = Math.max(0, Math.min(board - 2, trip.stopCount() - 2));
        System.out.println(DelayedBusCommand.publish(feed, tripId, departure.toLocalDate(), runBefore, delaySeconds,
                "chain-check-bus", bootstrapServers));
        JsonNode after = before;
        long reactDeadline = System.nanoTime() + Duration.ofSeconds(reactSeconds).toNanos();
        while (after.equals(before) && System.nanoTime() < reactDeadline) {
            Thread.sleep(500);
            JsonNode a = firstItinerary();
            after = a == null ? before : a;
        }
        System.out.println("after:  " + describe(after));
        if (after.equals(before)) {
            System.out.println("chain-check: FAIL — the planner's answer did not change within " + reactSeconds + " s");
            return 1;
        }
        for (JsonNode leg : after.get("legs")) {
            if (tripId.equals(leg.path("tripId").asText()) && leg.path("departureDelaySeconds").asInt() > 0) {
                System.out.println("chain-check: PASS — trip " + tripId + " is planned with its delay ("
                        + leg.path("departureDelaySeconds").asInt() + " s at " + leg.get("from").path("name").asText() + ")");
                return 0;
            }
        }
        boolean later = after.get("arrival").asText().compareTo(before.get("arrival").asText()) > 0;
        System.out.println(later ? "chain-check: PASS — the late trip " + tripId + " is avoided, arrival later"
                : "chain-check: FAIL — answer changed but neither shows the delay nor arrives later");
        return later ? 0 : 1;
    }

    private JsonNode firstItinerary() {
        String q = "from=" + enc(from) + "&to=" + enc(to) + "&departure=" + enc(departure.toString()) + "&limit=1";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(planner + "/api/journeys?" + q))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            JsonNode its = json.readTree(r.body()).path("itineraries");
            return its.isArray() && its.size() > 0 ? its.get(0) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String describe(JsonNode itinerary) {
        StringBuilder b = new StringBuilder("arrival " + itinerary.path("arrival").asText());
        for (JsonNode leg : itinerary.get("legs")) {
            if (!"WALK".equals(leg.path("mode").asText())) {
                b.append("; ").append(leg.path("mode").asText()).append(" trip ").append(leg.path("tripId").asText())
                        .append(" from ").append(leg.get("from").path("name").asText()).append(" ")
                        .append(leg.path("departure").asText()).append(" (delay ")
                        .append(leg.path("departureDelaySeconds").asInt()).append(" s)");
            }
        }
        return b.toString();
    }
}
