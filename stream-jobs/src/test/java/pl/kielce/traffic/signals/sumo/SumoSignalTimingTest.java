package pl.kielce.traffic.signals.sumo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Step;

/**
 * The real bologna-acosta scenario through the whole command: measure (one SUMO run), import,
 * optimise, write, and run the written scenario (a second SUMO run). Skips when data or SUMO is absent.
 * Runtime ≈ 2 × 15 s.
 */
class SumoSignalTimingTest {
    @TempDir
    Path tmp;

    static Path scenario() {
        String env = System.getenv("TRAFFIC_DATA_DIR");
        Path data = env != null ? Path.of(env) : Path.of(System.getProperty("repo.root", "."), "..", "shared", "data");
        return data.resolve("sumo").resolve("bologna-acosta").normalize();
    }

    @Test
    void importerReadsEverySignalOfTheRealNetwork() throws Exception {
        Path dir = scenario();
        assumeTrue(Files.isDirectory(dir), "no SUMO scenario at " + dir + " (set TRAFFIC_DATA_DIR)");
        SumoScenario sc = SumoScenario.open(dir);
        SumoNet net = sc.readNet();
        Map<String, TlsProgram> programs = sc.activePrograms(net);
        assertThat(programs).hasSize(7);
        assertThat(programs.get("210").programId()).isEqualTo("utopia"); // the additional file's program wins
        Intersection x = new SumoIntersectionImporter(ImportSettings.defaults()).importSignal(net, programs.get("210"), sc.inductionLoops());
        // 17 phases; the seven identical "rrrGGGGgrrrGGgrrGGGG" phases merge into one stage, and so do the three
        // "rrrGGGGGrrrrrrrrrrrr": 17 − 6 − 2 = 9 steps, of which 3 stages
        assertThat(x.steps()).hasSize(9);
        assertThat(x.steps().stream().filter(Step::isStage)).hasSize(3);
        assertThat(x.currentCycleSeconds()).isEqualTo(90.0);
        assertThat(x.detectors()).extracting(d -> d.id()).contains("2.10_2.6_6_1__l0", "0.127_2.10_8_1__l0");
    }

    @Test
    void optimisedScenarioLoadsAndCompletesEveryTrip() throws Exception {
        Path dir = scenario();
        assumeTrue(Files.isDirectory(dir), "no SUMO scenario at " + dir + " (set TRAFFIC_DATA_DIR)");
        SumoRunner runner = SumoRunner.fromEnvironment(Duration.ofMinutes(5));
        assumeTrue(runner.available(), "SUMO is not installed (Debian packages sumo, sumo-tools)");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SumoSignalTiming timing = new SumoSignalTiming(runner, new PrintStream(log, true));
        Path out = tmp.resolve("optimised");
        SumoSignalTiming.Result r = timing.optimise(dir, out, tmp.resolve("work"), SumoSignalTiming.Options.defaults());
        assertThat(r.plans()).isNotEmpty();
        assertThat(Files.readString(out.resolve("run.sumocfg"))).contains(SumoSignalTiming.PLAN_FILE);
        assertThat(Files.readString(out.resolve(SumoSignalTiming.PLAN_FILE))).contains("<tlLogic id=\"210\"");

        SumoStatistics stats = timing.evaluate(out, tmp.resolve("eval"));
        assertThat(stats.loadedVehicles()).isEqualTo(r.measuredRun().loadedVehicles());
        assertThat(stats.completedTrips()).isEqualTo(stats.loadedVehicles());
        assertThat(stats.line()).matches("mean_time_loss_s=[0-9.]+ mean_waiting_s=[0-9.]+ trips=[0-9]+ teleports=[0-9]+");
        // the source folder is untouched
        assertThat(Files.exists(dir.resolve(SumoSignalTiming.PLAN_FILE))).isFalse();
    }
}
