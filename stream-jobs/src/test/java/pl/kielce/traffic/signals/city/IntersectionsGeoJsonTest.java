package pl.kielce.traffic.signals.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.signals.model.Intersection;

/** The committed {@code cities/kielce/intersections.geojson} (the console's map layer) is the XML model, exported. */
class IntersectionsGeoJsonTest {
    @TempDir
    Path tmp;

    static Path kielceXml() {
        return CityIntersectionsTest.kielce();
    }

    @Test
    void committedGeoJsonIsTheExportOfTheCommittedXml() throws Exception {
        Path geojson = kielceXml().resolveSibling("intersections.geojson");
        assertThat(geojson).as("run ./traffic signals export-geojson and commit the file").isRegularFile();
        String expected = IntersectionsGeoJson.render(CityIntersections.load(kielceXml()), "cities/kielce/intersections.xml");
        assertThat(Files.readString(geojson, StandardCharsets.UTF_8))
                .as("cities/kielce/intersections.geojson disagrees with intersections.xml: run ./traffic signals export-geojson")
                .isEqualTo(expected);
    }

    @Test
    void everyIntersectionIsAPointAtItsLonLatWithApproachesAndShippedPlan() throws Exception {
        CityIntersections.CityModel model = CityIntersections.load(kielceXml());
        JsonNode fc = new ObjectMapper().readTree(IntersectionsGeoJson.render(model, "x.xml"));
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        List<JsonNode> points = new ArrayList<>();
        fc.path("features").forEach(f -> { if (f.path("geometry").path("type").asText().equals("Point")) points.add(f); });
        assertThat(points).hasSameSizeAs(model.intersections());
        for (Intersection x : model.intersections()) {
            JsonNode f = points.stream().filter(p -> p.path("properties").path("id").asText().equals(x.id())).findFirst().orElseThrow();
            assertThat(f.path("geometry").path("coordinates").get(0).asDouble()).isEqualTo(x.longitude());
            assertThat(f.path("geometry").path("coordinates").get(1).asDouble()).isEqualTo(x.latitude());
            JsonNode plan = f.path("properties").path("shippedPlan");
            assertThat(plan.path("cycleSeconds").asDouble()).isEqualTo(x.currentCycleSeconds());
            double greens = 0;
            for (JsonNode ph : plan.path("phases")) greens += ph.path("greenSeconds").asDouble();
            assertThat(greens + plan.path("intergreenSeconds").asDouble()).isEqualTo(x.currentCycleSeconds());
            List<String> approaches = new ArrayList<>();
            f.path("properties").path("approaches").forEach(a -> approaches.add(a.path("approach").asText()));
            assertThat(approaches).containsExactlyElementsOf(x.movements().stream().map(m -> m.approach()).distinct().toList());
        }
        JsonNode corridor = fc.path("features").get(points.size());
        assertThat(corridor.path("geometry").path("type").asText()).isEqualTo("LineString");
        assertThat(corridor.path("properties").path("kind").asText()).isEqualTo("corridor");
    }

    @Test
    void aChangedXmlMakesTheCheckFailAndTheExportFixesIt() throws Exception {
        Path xml = tmp.resolve("intersections.xml");
        Files.writeString(xml, Files.readString(kielceXml()).replace("lat=\"50.8736\"", "lat=\"50.8740\""));
        Path out = tmp.resolve("intersections.geojson");
        Files.copy(kielceXml().resolveSibling("intersections.geojson"), out);
        String committed = Files.readString(out);
        String fresh = IntersectionsGeoJson.render(CityIntersections.load(xml), "cities/kielce/intersections.xml");
        assertThat(fresh).isNotEqualTo(committed).contains("[20.6425, 50.874]");
    }

    @Test
    void numbersAreWrittenPlainly() {
        assertThat(IntersectionsGeoJson.number(92.0)).isEqualTo("92");
        assertThat(IntersectionsGeoJson.number(50.8736)).isEqualTo("50.8736");
        assertThat(IntersectionsGeoJson.number(-0.5)).isEqualTo("-0.5");
        assertThatThrownBy(() -> IntersectionsGeoJson.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
