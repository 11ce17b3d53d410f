package pl.kielce.traffic.routing.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;

import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.TransitFeeds;
import pl.kielce.traffic.routing.RnvAppTest;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;
import tools.jackson.databind.JsonNode;

/** The journeys API on the real RNV data; a delayed trip arrives through a real Kafka broker. */
class JourneysApiTest extends RnvAppTest {
    // Mannheim Paradeplatz -> Heidelberg Bismarckplatz, a Tuesday morning in the feed's period
    static final String FROM = "49.487440,8.466340";
    static final String TO = "49.409330,8.693540";

    JsonNode journeys(String query) throws Exception {
        HttpResponse<String> r = get("/api/journeys?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void readinessIsUpOnceLoaded() throws Exception {
        HttpResponse<String> r = get("/actuator/health/readiness");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"routingGraph\"").contains("UP");
    }

    @Test
    void itinerariesWithTransitLegsStopsTimesAndGeometry() throws Exception {
        JsonNode plan = journeys("from=" + FROM + "&to=" + TO + "&departure=2016-11-15T08:00:00");
        JsonNode its = plan.get("itineraries");
        assertThat(its.size()).isBetween(1, 3);
        JsonNode best = its.get(0);
        assertThat(best.get("departure").asString()).startsWith("2016-11-15T08");
        assertThat(best.get("durationSeconds").asLong()).isBetween(20 * 60L, 90 * 60L);
        JsonNode ride = null;
        for (JsonNode leg : best.get("legs")) {
            if (!"WALK".equals(leg.get("mode").asString())) {
                ride = leg;
                break;
            }
        }
        assertThat(ride).isNotNull();
        assertThat(ride.get("routeShortName").asString()).isNotBlank();
        assertThat(ride.get("headsign").asString()).isNotBlank();
        assertThat(ride.get("from").get("stopId").asString()).isNotBlank();
        assertThat(ride.get("geometry").get("coordinates").size()).isGreaterThanOrEqualTo(2);
        // arrival-ordered, and later itineraries never both arrive later and change more often than an earlier one
        for (int i = 1; i < its.size(); i++) {
            assertThat(its.get(i).get("arrival").asString()).isGreaterThanOrEqualTo(its.get(i - 1).get("arrival").asString());
        }
    }

    @Test
    void offsetIsAcceptedAndConverted() throws Exception {
        JsonNode a = journeys("from=" + FROM + "&to=" + TO + "&departure=2016-11-15T08:00:00&limit=1");
        JsonNode b = journeys("from=" + FROM + "&to=" + TO + "&departure=2016-11-15T07:00:00Z&limit=1");
        assertThat(b.get("itineraries").get(0).get("arrival")).isEqualTo(a.get("itineraries").get(0).get("arrival"));
    }

    @Test
    void arriveByEndsBeforeTheArrivalTime() throws Exception {
        JsonNode plan = journeys("from=" + FROM + "&to=" + TO + "&arrival=2016-11-15T09:00:00&limit=1");
        String arrival = plan.get("itineraries").get(0).get("arrival").asString();
        assertThat(arrival.compareTo("2016-11-15T09:00:00+01:00")).isLessThanOrEqualTo(0);
    }

    @Test
    void fewerTransfersAllowedNeverGivesMoreTransfers() throws Exception {
        JsonNode plan = journeys("from=" + FROM + "&to=" + TO + "&departure=2016-11-15T08:00:00&maxTransfers=0");
        for (JsonNode it : plan.get("itineraries")) {
            assertThat(it.get("transfers").asInt()).isZero();
        }
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() throws Exception {
        for (String[] c : List.of(
                new String[]{"from=49.4,abc&to=" + TO + "&departure=2016-11-15T08:00:00", "from"},
                new String[]{"from=" + FROM + "&departure=2016-11-15T08:00:00", "to"},
                new String[]{"from=" + FROM + "&to=" + TO + "&departure=tomorrow", "departure"},
                new String[]{"from=" + FROM + "&to=" + TO + "&departure=2016-11-15T08:00:00&maxTransfers=x", "maxTransfers"},
                new String[]{"from=" + FROM + "&to=" + TO + "&departure=2016-11-15T08:00:00&maxTransfers=99", "maxTransfers"},
                new String[]{"from=" + FROM + "&to=" + TO + "&departure=2016-11-15T08:00:00&limit=0", "limit"},
                new String[]{"from=" + FROM + "&to=" + TO + "&departure=2016-11-15T08:00:00&wheelchair=maybe", "wheelchair"},
                new String[]{"from=" + FROM + "&to=" + TO + "&departure=2016-11-15T08:00:00&arrival=2016-11-15T09:00:00", "arrival"},
                new String[]{"from=91,8&to=" + TO + "&departure=2016-11-15T08:00:00", "from"})) {
            HttpResponse<String> r = get("/api/journeys?" + c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(JSON.readTree(r.body()).get("parameter").asString()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void pointsOrTimesOutsideTheNetworkAre422() throws Exception {
        HttpResponse<String> berlin = get("/api/journeys?from=52.52,13.40&to=" + TO + "&departure=2016-11-15T08:00:00");
        assertThat(berlin.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(berlin.body()).get("parameter").asString()).isEqualTo("from");
        HttpResponse<String> future = get("/api/journeys?from=" + FROM + "&to=" + TO + "&departure=2030-01-01T08:00:00");
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(future.body()).get("parameter").asString()).isEqualTo("departure");
    }

    @Test
    void openApiDescribesTheJourneysEndpoint() throws Exception {
        HttpResponse<String> r = get("/v3/api-docs");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("/api/journeys").contains("maxWalkMeters").contains("wheelchair");
    }

    @Test
    void delayedTripFromKafkaChangesTheAnswerWithinSeconds() throws Exception {
        String q = "from=" + FROM + "&to=" + TO + "&departure=2016-11-16T10:00:00&limit=1";
        JsonNode before = journeys(q).get("itineraries").get(0);
        JsonNode firstRide = null;
        for (JsonNode leg : before.get("legs")) {
            if (!"WALK".equals(leg.get("mode").asString())) {
                firstRide = leg;
                break;
            }
        }
        assertThat(firstRide).isNotNull();
        String tripId = firstRide.get("tripId").asString();
        String boardStop = firstRide.get("from").get("stopId").asString();

        TripUpdate delay = TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId(tripId).setStartDate("20161116"))
                .addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopId(boardStop)
                        .setDeparture(TripUpdate.StopTimeEvent.newBuilder().setDelay(15 * 60)))
                .build();
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.TRANSIT_TRIP_UPDATES, "not a protobuf".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.TRANSIT_TRIP_UPDATES, TransitFeeds.encode(TransitFeeds.feed(Instant.now(),
                    List.of(FeedEntity.newBuilder().setId("delay-1").setTripUpdate(delay).build()))))).get();
        }
        JsonNode after = before;
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (after.equals(before) && System.nanoTime() < until) {
            Thread.sleep(250);
            after = journeys(q).get("itineraries").get(0);
        }
        assertThat(after).as("answer after a 15-minute delay of trip " + tripId).isNotEqualTo(before);
        // the delayed trip is either avoided, or taken with its delay shown
        boolean avoided = true;
        for (JsonNode leg : after.get("legs")) {
            if (tripId.equals(leg.path("tripId").asString(""))) {
                avoided = false;
                assertThat(leg.get("departureDelaySeconds").asInt()).isEqualTo(15 * 60);
            }
        }
        assertThat(avoided || after.get("arrival").asString().compareTo(before.get("arrival").asString()) > 0).isTrue();
    }
}
