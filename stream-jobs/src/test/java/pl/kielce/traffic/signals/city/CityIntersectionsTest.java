package pl.kielce.traffic.signals.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.timing.SignalTimingOptimiser;
import pl.kielce.traffic.signals.timing.TimingPlan;
import pl.kielce.traffic.signals.timing.TimingSettings;

class CityIntersectionsTest {
    @TempDir
    Path tmp;

    static Path kielce() {
        return Path.of(System.getProperty("repo.root", "."), "cities", "kielce", "intersections.xml");
    }

    @Test
    void kielceModelLoadsAndEveryIntersectionCanBeOptimised() throws Exception {
        CityIntersections.CityModel model = CityIntersections.load(kielce());
        assertThat(model.intersections()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(model.corridors()).extracting(CityIntersections.Corridor::id).contains("ix-wiekow");
        SignalTimingOptimiser opt = new SignalTimingOptimiser(TimingSettings.defaults());
        for (Intersection x : model.intersections()) {
            TimingPlan p = opt.optimise(x, Map.of());
            assertThat(p.cycleSeconds()).isBetween(x.minCycleSeconds(), x.maxCycleSeconds());
        }
    }

    @Test
    void unknownMovementInAStepIsReportedWithFileAndLine() throws Exception {
        Path f = tmp.resolve("bad.xml");
        Files.writeString(f, """
                <intersections>
                  <intersection id="A">
                    <movement id="N" approach="n" turns="THROUGH" saturationFlowVehPerHour="1800"/>
                    <step id="s1" kind="STAGE" durationSeconds="30" green="N"/>
                    <step id="s2" kind="STAGE" durationSeconds="30" green="E"/>
                  </intersection>
                </intersections>
                """);
        assertThatThrownBy(() -> CityIntersections.load(f)).hasMessageContaining("bad.xml:5")
                .hasMessageContaining("unknown movement 'E'");
    }
}
