package pl.kielce.traffic.signals.sumo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import pl.kielce.traffic.signals.timing.TimingSettings;

/**
 * {@code ./traffic bench signals}: in one run, the shipped plans, SUMO's actuated control of the
 * same programs, the textbook Webster baseline and this project's optimiser, side by side.
 */
final class SignalsBench {
    private SignalsBench() {}

    static int run(Path scenario, Path work, SumoSignalTiming timing, PrintStream out) throws IOException {
        Path dir = work != null ? work : Files.createTempDirectory("signals-bench");
        Files.createDirectories(dir);
        Map<String, SumoStatistics> results = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        results.put("shipped plans", timing.evaluate(scenario, dir.resolve("shipped")));
        results.put("SUMO actuated", timing.evaluate(SumoSignalTiming.actuatedCopy(scenario, dir.resolve("actuated-scenario")),
                dir.resolve("actuated")));
        SumoSignalTiming.Options base = SumoSignalTiming.Options.defaults();
        SumoSignalTiming.Options webster = new SumoSignalTiming.Options(base.importSettings(),
                base.timingSettings().withMethod(TimingSettings.Method.WEBSTER), base.designWindowSeconds(), false, false);
        SumoSignalTiming.Options single = new SumoSignalTiming.Options(base.importSettings(), base.timingSettings(),
                base.designWindowSeconds(), false, false);
        timing.optimise(scenario, dir.resolve("webster-scenario"), dir.resolve("webster-work"), webster);
        results.put("Webster (model constraints)", timing.evaluate(dir.resolve("webster-scenario"), dir.resolve("webster")));
        timing.optimise(scenario, dir.resolve("single-scenario"), dir.resolve("single-work"), single);
        results.put("kielce min-delay, one plan", timing.evaluate(dir.resolve("single-scenario"), dir.resolve("single")));
        SumoSignalTiming.Options first = new SumoSignalTiming.Options(base.importSettings(),
                TimingSettings.defaults().withAnalysisPeriodHours(1.0), base.designWindowSeconds(), true, false);
        timing.optimise(scenario, dir.resolve("first-scenario"), dir.resolve("first-work"), first);
        results.put("min-delay, time-of-day, counts taken as demand (first version)",
                timing.evaluate(dir.resolve("first-scenario"), dir.resolve("first")));
        long tOpt = System.nanoTime();
        timing.optimise(scenario, dir.resolve("optimised-scenario"), dir.resolve("optimised-work"), base);
        double optimiseSeconds = (System.nanoTime() - tOpt) / 1e9;
        results.put("kielce min-delay, time-of-day plans (default: saturated movements keep their share)", timing.evaluate(dir.resolve("optimised-scenario"), dir.resolve("optimised")));
        SumoStatistics shipped = results.get("shipped plans");
        out.println();
        out.printf(Locale.ROOT, "| variant | mean time loss s | vs shipped | mean waiting s | completed trips | teleports |%n");
        out.printf(Locale.ROOT, "|---|---:|---:|---:|---:|---:|%n");
        results.forEach((name, s) -> out.printf(Locale.ROOT, "| %s | %.1f | %+.1f%% | %.1f | %d | %d |%n", name,
                s.meanTimeLossSeconds(), 100 * (s.meanTimeLossSeconds() - shipped.meanTimeLossSeconds()) / shipped.meanTimeLossSeconds(),
                s.meanWaitingSeconds(), s.completedTrips(), s.teleports()));
        out.printf(Locale.ROOT, "%noptimise (measure run + model + optimiser + write): %.1f s; whole bench %.1f s%n",
                optimiseSeconds, (System.nanoTime() - t0) / 1e9);
        if (work == null) SumoSignalTiming.deleteRecursively(dir);
        return 0;
    }
}
