package pl.kielce.traffic.routing.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import pl.kielce.traffic.routing.RnvAppTest;
import tools.jackson.databind.JsonNode;

/**
 * The access check on the real RNV street network with a test zone around the Mannheim centre (inside and
 * including the Ring: lon 8.4575–8.4790, lat 49.4815–49.4955) and a test register (src/test/resources/rnv-zone).
 */
class AccessCheckApiTest extends RnvAppTest {
    // Neckarstadt, north of the Kurpfalzbrücke: the shortest drive to the centre crosses the Ring
    static final String ORIGIN = "49.4975,8.4680";
    // Paradeplatz, inside the zone
    static final String DESTINATION = "49.48744,8.46634";
    static final double X0 = 8.4575, X1 = 8.4790, Y0 = 49.4815, Y1 = 49.4955;

    static boolean inZone(JsonNode lonLat) {
        double lon = lonLat.get(0).asDouble();
        double lat = lonLat.get(1).asDouble();
        return lon > X0 && lon < X1 && lat > Y0 && lat < Y1;
    }

    JsonNode check(String body) throws Exception {
        HttpResponse<String> r = postJson("/api/access-check", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void nonCompliantCarIsRoutedAroundTheZoneToParkAndRideThenByTram() throws Exception {
        JsonNode res = check("""
                {"plate":"TK 12345","time":"2016-11-15T08:00:00","origin":"%s","destination":"%s"}""".formatted(ORIGIN, DESTINATION));
        assertThat(res.get("allowed").asBoolean()).isFalse();
        JsonNode d = res.get("decision");
        assertThat(d.get("outcome").asString()).as(d.toString()).isEqualTo("VIOLATION");
        assertThat(d.get("stageId").asString()).isEqualTo("test-stage");
        assertThat(d.get("zoneId").asString()).isEqualTo("quadrate");
        assertThat(d.get("ruleId").asString()).isEqualTo("diesel-euro6");
        assertThat(d.get("explanation").asString()).doesNotContain("12345");

        // nearest site outside the zone first; the site inside the zone is never proposed
        assertThat(res.get("parkAndRide").get(0).get("id").asString()).isEqualTo("pr-hbf");
        for (JsonNode s : res.get("parkAndRide")) {
            assertThat(s.get("id").asString()).isNotEqualTo("pr-inside");
        }
        JsonNode car = res.get("carRoute");
        assertThat(car.get("avoidsZone").asString()).isEqualTo("quadrate");
        JsonNode coords = car.get("geometry").get("coordinates");
        assertThat(coords.size()).isGreaterThan(2);
        for (JsonNode c : coords) {
            assertThat(inZone(c)).as("car route point %s is inside the zone", c).isFalse();
        }
        // combined itinerary: drive, then public transport to the destination
        JsonNode legs = res.get("itinerary").get("legs");
        assertThat(legs.get(0).get("mode").asString()).isEqualTo("CAR");
        boolean transit = false;
        for (JsonNode l : legs) {
            transit |= !l.get("mode").asString().equals("CAR") && !l.get("mode").asString().equals("WALK");
        }
        assertThat(transit).isTrue();
        assertThat(res.get("itinerary").get("arrival").asString().compareTo("2016-11-15T08:00:00+01:00")).isPositive();
    }

    @Test
    void theSameTripForACompliantCarCrossesTheZone() throws Exception {
        JsonNode res = check("""
                {"plate":"TK67890","time":"2016-11-15T08:00:00","origin":"%s","destination":"%s"}""".formatted(ORIGIN, DESTINATION));
        assertThat(res.get("allowed").asBoolean()).isTrue();
        assertThat(res.get("decision").get("outcome").asString()).isEqualTo("ALLOWED");
        JsonNode coords = res.get("carRoute").get("geometry").get("coordinates");
        boolean entered = false;
        for (JsonNode c : coords) {
            entered |= inZone(c);
        }
        assertThat(entered).as("an allowed car drives into the zone to its destination").isTrue();
        assertThat(res.get("itinerary").get("legs").size()).isEqualTo(1);
    }

    @Test
    void vehicleFactsWithoutPlateAreDecidedToo() throws Exception {
        JsonNode res = check("""
                {"vehicle":{"category":"M1","fuel":"electric"},"time":"2016-11-15T08:00:00","destination":"%s"}""".formatted(DESTINATION));
        assertThat(res.get("allowed").asBoolean()).isTrue();
        JsonNode old = check("""
                {"vehicle":{"category":"M1","fuel":"diesel","euroNorm":"Euro 3","productionYear":2003},"time":"2016-11-15T08:00:00","destination":"%s"}""".formatted(DESTINATION));
        assertThat(old.get("allowed").asBoolean()).isFalse();
    }

    @Test
    void destinationOutsideTheZoneIsAllowed() throws Exception {
        JsonNode res = check("""
                {"plate":"TK12345","time":"2016-11-15T08:00:00","destination":"49.4094,8.6931"}""");
        assertThat(res.get("allowed").asBoolean()).isTrue();
        assertThat(res.get("decision").get("reason").asString()).isEqualTo("OUTSIDE_ZONE");
    }

    @Test
    void badBodiesAreProblemsNamingTheField() throws Exception {
        String[][] cases = {
                {"{\"plate\":\"TK12345\",\"time\":\"2016-11-15T08:00:00\"}", "destination"},
                {"{\"plate\":\"TK12345\",\"time\":\"soon\",\"destination\":\"" + DESTINATION + "\"}", "time"},
                {"{\"time\":\"2016-11-15T08:00:00\",\"destination\":\"" + DESTINATION + "\"}", "plate"},
                {"{\"vehicle\":{\"category\":\"M1\",\"fuel\":\"steam\"},\"destination\":\"" + DESTINATION + "\"}", "vehicle.fuel"},
                {"{\"vehicle\":{\"category\":\"Q7\",\"fuel\":\"diesel\"},\"destination\":\"" + DESTINATION + "\"}", "vehicle.category"},
                {"{\"plate\":\"TK12345\",\"origin\":\"x\",\"destination\":\"" + DESTINATION + "\"}", "origin"},
                {"not json", "body"}};
        for (String[] c : cases) {
            HttpResponse<String> r = postJson("/api/access-check", c[0]);
            assertThat(r.statusCode()).as(c[0] + " → " + r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("parameter").asString("")).as(c[0] + " → " + r.body()).isEqualTo(c[1]);
        }
        HttpResponse<String> far = postJson("/api/access-check", "{\"plate\":\"TK12345\",\"destination\":\"52.52,13.40\"}");
        assertThat(far.statusCode()).isEqualTo(422);
    }
}
