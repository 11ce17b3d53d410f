package pl.kielce.traffic.flows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.signals.model.Intersection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The flow job's capacities come from the city's intersection model (cities/kielce/intersections.xml). */
class CityModelTest {
    static final Path KIELCE = Path.of(System.getProperty("repo.root", "."), "cities", "kielce");

    @Test
    void kielceModelGivesEveryDetectorAMeasuringPointWithAModelledCapacity() {
        List<Intersection> model = CityModel.load(KIELCE);
        assertThat(model).extracting(Intersection::id).contains("KI-IXW-SOLID", "KI-IXW-SIENK", "KI-WARSZ-CZARN");
        ApproachCapacities caps = ApproachCapacities.fromModel(model, FlowSettings.DEFAULTS);
        for (Intersection ix : model) {
            ix.detectors().forEach(d -> assertThat(caps.modelledVehPerHour(ix.id(), CityModel.approachOf(ix, d)))
                    .as("capacity of %s's measuring point", d.id()).isPositive());
            assertThat(caps.location(ix.id())).containsExactly(ix.longitude(), ix.latitude());
        }
    }

    @Test
    void capacityIsSaturationFlowTimesEffectiveGreenShareOfTheShippedPlan() {
        ApproachCapacities caps = CityModel.capacities(KIELCE, FlowSettings.DEFAULTS);
        // KI-IXW-SIENK: cycle EW 45 + 6 + NS 18 + 6 = 75 s. Kapitulna (movement N, 1500 veh/h) is green in NS and
        // yellow in NS-end: 18 + 6 − 3 s lost = 21 s effective → 1500 × 21 / 75 = 420 veh/h
        assertThat(caps.capacityVehPerHour("KI-IXW-SIENK", "ul. Kapitulna from north", "detectors", 1))
                .isCloseTo(420.0, within(1e-6));
        // al. IX Wieków Kielc from east (E-T, 3400 veh/h): 45 + 6 − 3 = 48 s → 3400 × 48 / 75 = 2176 veh/h
        assertThat(caps.capacityVehPerHour("KI-IXW-SIENK", "al. IX Wieków Kielc from east", "detectors", 1))
                .isCloseTo(2176.0, within(1e-6));
        // detector D3 counts N and S (two approaches): its own measuring point, 420 + 420
        assertThat(caps.capacityVehPerHour("KI-IXW-SIENK", "KI-IXW-SIENK-D3", "detectors", 1)).isCloseTo(840.0, within(1e-6));
        // an approach the model does not know: the per-lane default × reporting detectors
        assertThat(caps.capacityVehPerHour("KI-NOWHERE", "N", "detectors", 2)).isEqualTo(1600.0);
    }

    @Test
    void measuringPointIsTheApproachOrTheDetectorWhenItSpansSeveral() {
        Intersection solid = CityModel.load(KIELCE).stream().filter(ix -> ix.id().equals("KI-IXW-SOLID")).findFirst().orElseThrow();
        assertThat(CityModel.approachOf(solid, solid.detectorsById().get("KI-IXW-SOLID-D1")))
                .isEqualTo("al. IX Wieków Kielc from east");
        assertThat(CityModel.approachOf(solid, solid.detectorsById().get("KI-IXW-SOLID-D7"))).isEqualTo("KI-IXW-SOLID-D7");
    }

    @Test
    void missingOrBrokenModelIsAClearError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> CityModel.load(dir)).hasMessageContaining("no intersection model at")
                .hasMessageContaining("TRAFFIC_CITY_DIR");
        Files.writeString(dir.resolve("intersections.xml"), "<intersections>\n<intersection id=\"x\">\n</intersections>\n");
        assertThatThrownBy(() -> CityModel.load(dir)).hasMessageContaining("cannot load the intersection model")
                .hasMessageContaining("intersections.xml");
    }

    @Test
    void settingsFromTheEnvironmentNameTheBadVariable() {
        FlowSettings s = FlowSettings.fromEnvironment(java.util.Map.of("TRAFFIC_FLOW_INTERVAL_SECONDS", "60",
                "TRAFFIC_FLOW_CONGESTION_INTERVALS", "2"));
        assertThat(s.intervalSeconds()).isEqualTo(60);
        assertThat(s.congestionIntervals()).isEqualTo(2);
        assertThat(s.silentAfter()).isEqualTo(FlowSettings.DEFAULTS.silentAfter());
        assertThatThrownBy(() -> FlowSettings.fromEnvironment(java.util.Map.of("TRAFFIC_FLOW_INTERVAL_SECONDS", "1m")))
                .hasMessageContaining("TRAFFIC_FLOW_INTERVAL_SECONDS must be a number");
    }
}
