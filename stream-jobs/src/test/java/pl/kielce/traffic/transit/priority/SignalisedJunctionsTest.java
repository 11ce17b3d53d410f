package pl.kielce.traffic.transit.priority;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.signals.city.CityIntersections;
import pl.kielce.traffic.signals.model.Intersection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignalisedJunctionsTest {
    @Test
    void theSideComesFromTheApproachName() {
        assertThat(SignalisedJunctions.approachBearing("al. IX Wieków Kielc from east")).isEqualTo(90.0);
        assertThat(SignalisedJunctions.approachBearing("ul. Sienkiewicza from south (bus and taxi)")).isEqualTo(180.0);
        assertThat(SignalisedJunctions.approachBearing("Road from North-West")).isEqualTo(315.0);
        assertThat(SignalisedJunctions.approachBearing("north-south")).isNull();
        assertThat(SignalisedJunctions.approachBearing("edge_123#0")).isNull();
    }

    @Test
    void junctionsWithoutLocationOrSidesAreLeftOutWithTheReason() {
        Intersection ok = TspTestJunction.junction(45);
        Intersection noPlace = new Intersection("NOWHERE", null, Double.NaN, Double.NaN, ok.movements(), ok.steps(),
                List.of(), 40, 120, 0, List.of());
        var mv = new java.util.ArrayList<>(ok.movements());
        mv.set(3, new pl.kielce.traffic.signals.model.Movement("N", "Side St northern arm", mv.get(3).turns(), 1, 1800, 5, 0,
                List.of()));
        Intersection noSide = new Intersection("NOSIDE", null, 50, 20, mv, ok.steps(), List.of(), 40, 120, 0, List.of());
        SignalisedJunctions j = SignalisedJunctions.of(List.of(ok, noPlace, noSide));
        assertThat(j.junctions()).extracting(SignalisedJunctions.Junction::id).containsExactly("X1");
        assertThat(j.skipped()).containsExactly("NOWHERE: no lat/lon",
                "NOSIDE: movement N ('Side St northern arm' names no side: end it in 'from north|east|south|west')");
        assertThat(j.anyWithin(50.001, 20.0, 200)).isTrue(); // 111 m north
        assertThat(j.anyWithin(50.003, 20.0, 200)).isFalse(); // 334 m
    }

    @Test
    void everyKielceJunctionOfTheCityModelCanAskPriority() throws Exception {
        Path file = Path.of(System.getProperty("repo.root", "."), "cities", "kielce", "intersections.xml");
        if (!Files.isRegularFile(file)) {
            file = Path.of("../cities/kielce/intersections.xml");
        }
        var model = CityIntersections.load(file);
        SignalisedJunctions j = SignalisedJunctions.of(model.intersections());
        assertThat(j.skipped()).isEmpty();
        assertThat(j.junctions()).hasSameSizeAs(model.intersections()).isNotEmpty();
    }
}
