package pl.kielce.traffic.signals.sumo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.timing.SignalTimingOptimiser;
import pl.kielce.traffic.signals.timing.TimingPlan;
import pl.kielce.traffic.signals.timing.TimingSettings;

/**
 * SUMO verification of the optimiser: measure a scenario as a city would (its detectors, edge
 * counts where an approach has none), build the intersection model from the network and programs,
 * run the optimiser the Flink job runs, and write a scenario copy that runs the new plans.
 */
public final class SumoSignalTiming {
    public static final String PLAN_FILE = "kielce_signal_plans.add.xml";
    static final String MEASURE_FILE = "kielce_measure.add.xml";
    static final String EDGE_COUNTS_FILE = "kielce_edge_counts.xml";
    static final String STATS_FILE = "kielce_statistics.xml";

    /**
     * @param designWindowSeconds length of the busiest period the single plan is designed for
     * @param timeOfDay           one plan per measured interval, switched by time, instead of one plan
     * @param reuseMeasurement    use the measurement already in the work folder (faster experiments)
     */
    public record Options(ImportSettings importSettings, TimingSettings timingSettings, double designWindowSeconds,
                          boolean timeOfDay, boolean reuseMeasurement) {
        public static Options defaults() {
            return new Options(ImportSettings.defaults(), TimingSettings.forMeasuredCounts(), 3600, true, false);
        }
    }

    /** What one optimisation produced, for the report. */
    public record Result(List<SumoPlanWriter.ScheduledPlan> plans, SumoStatistics measuredRun, String report) {}

    private final SumoRunner runner;
    private final java.io.PrintStream log;

    public SumoSignalTiming(SumoRunner runner, java.io.PrintStream log) {
        this.runner = runner;
        this.log = log;
    }

    /** Runs the scenario unchanged in a copy under workDir and returns its statistics. */
    public SumoStatistics evaluate(Path scenarioDir, Path workDir) throws IOException {
        Path copy = copyScenario(scenarioDir, workDir.resolve("eval"));
        SumoScenario sc = SumoScenario.open(copy);
        runner.run(sc.config(), List.of("--statistic-output", STATS_FILE, "--duration-log.statistics", "true",
                "--no-step-log", "true", "--no-warnings", "true"), copy.resolve("kielce_sumo.log"));
        return SumoStatistics.read(copy.resolve(STATS_FILE));
    }

    public Result optimise(Path scenarioDir, Path outDir, Path workDir, Options options) throws IOException {
        // 1. measure: run the scenario as given, with the scenario's detectors plus edge counts
        Path measured = workDir.resolve("measure");
        boolean reuse = options.reuseMeasurement() && Files.exists(measured.resolve(STATS_FILE));
        if (!reuse) copyScenario(scenarioDir, measured);
        SumoScenario sc = SumoScenario.open(measured);
        List<SumoScenario.InductionLoop> loops = sc.inductionLoops();
        double period = loops.stream().mapToDouble(SumoScenario.InductionLoop::periodSeconds)
                .filter(p -> p > 0 && !Double.isNaN(p)).min().orElse(900);
        Files.writeString(sc.config().getParent().resolve(MEASURE_FILE), String.format(Locale.ROOT,
                "<additional>%n    <edgeData id=\"kielce_counts\" file=\"%s\" period=\"%.0f\" excludeEmpty=\"true\"/>%n</additional>%n",
                EDGE_COUNTS_FILE, period));
        List<String> adds = new ArrayList<>(sc.additionalFileNames());
        adds.add(MEASURE_FILE);
        log.printf("measuring: running SUMO on %s (detectors: %d, edge counts every %.0f s)%s%n", scenarioDir, loops.size(), period,
                reuse ? " — reusing the measurement in " + measured : "");
        if (!reuse) runner.run(sc.config(), List.of("--additional-files", String.join(",", adds), "--statistic-output", STATS_FILE,
                "--no-step-log", "true", "--no-warnings", "true"), measured.resolve("kielce_sumo.log"));
        SumoStatistics stats = SumoStatistics.read(measured.resolve(STATS_FILE));
        SumoCounts counts = SumoCounts.read(loops.stream().map(SumoScenario.InductionLoop::outputFile)
                .filter(p -> p != null).toList(), measured.resolve(EDGE_COUNTS_FILE));

        // 2. model + 3. optimise
        SumoNet net = sc.readNet();
        Map<String, TlsProgram> programs = sc.activePrograms(net);
        SumoIntersectionImporter importer = new SumoIntersectionImporter(options.importSettings());
        SignalTimingOptimiser optimiser = new SignalTimingOptimiser(options.timingSettings());
        List<SumoPlanWriter.ScheduledPlan> plans = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        List<int[]> windows = windows(counts, options);
        for (TlsProgram program : programs.values()) {
            Intersection in = importer.importSignal(net, program, loops);
            for (int[] w : windows) {
                Map<String, Double> flows = counts.movementFlowsVehPerHour(in, net, w[0], w[1]);
                TimingPlan plan = optimiser.optimise(in, flows);
                double from = windows.size() == 1 ? 0 : counts.intervals().get(w[0]).beginSeconds();
                plans.add(new SumoPlanWriter.ScheduledPlan(in, plan, from));
                report.append(String.format(Locale.ROOT,
                        "signal %-8s from %5.0f s: cycle %3.0f s (was %3.0f), %d detectors, flow %5.0f veh/h, "
                                + "model delay %5.1f → %5.1f s/veh, max x %.2f%n",
                        in.id(), from, plan.cycleSeconds(), in.currentCycleSeconds(), in.detectors().size(),
                        flows.values().stream().mapToDouble(Double::doubleValue).sum(),
                        plan.currentDelaySecondsPerVehicle(), plan.expectedDelaySecondsPerVehicle(),
                        plan.maxDegreeOfSaturation()));
            }
        }

        // 4. write the scenario copy that loads the plans
        copyScenario(scenarioDir, outDir);
        SumoScenario out = SumoScenario.open(outDir);
        SumoPlanWriter.write(outDir.resolve(PLAN_FILE), plans, "kielce");
        List<String> outAdds = new ArrayList<>(out.additionalFileNames());
        outAdds.add(PLAN_FILE);
        Path cfg = outDir.resolve("run.sumocfg");
        SumoScenario.writeConfig(out.config(), cfg, outAdds);
        if (!out.config().equals(cfg)) Files.delete(out.config());
        return new Result(plans, stats, report.toString());
    }

    /** [from, to) interval ranges: the busiest design window, or every interval for time-of-day plans. */
    static List<int[]> windows(SumoCounts counts, Options options) {
        int n = counts.intervals().size();
        if (n == 0) throw new IllegalStateException("no counts were measured");
        List<int[]> out = new ArrayList<>();
        if (options.timeOfDay()) {
            for (int i = 0; i < n; i++) out.add(new int[] {i, i + 1});
            return out;
        }
        double bestCount = -1;
        int[] best = null;
        for (int i = 0; i < n; i++) {
            double len = 0;
            double c = 0;
            int j = i;
            while (j < n && len < options.designWindowSeconds() - 1e-6) {
                SumoCounts.Interval iv = counts.intervals().get(j);
                len += iv.endSeconds() - iv.beginSeconds();
                c += counts.networkCount(j);
                j++;
            }
            if (c > bestCount) {
                bestCount = c;
                best = new int[] {i, j};
            }
        }
        out.add(best);
        return out;
    }

    /** Copies a scenario folder (recursively) to target, leaving the source untouched. */
    public static Path copyScenario(Path source, Path target) throws IOException {
        if (Files.exists(target)) deleteRecursively(target);
        Files.createDirectories(target);
        try (Stream<Path> s = Files.walk(source)) {
            for (Path p : s.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                    t.toFile().setWritable(true, true);
                }
            }
        }
        return target;
    }

    static void deleteRecursively(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }

    /** Scenario copy whose signals run SUMO's actuated control (the program's minDur/maxDur kept). */
    public static Path actuatedCopy(Path scenarioDir, Path target) throws IOException {
        copyScenario(scenarioDir, target);
        SumoScenario sc = SumoScenario.open(target);
        SumoNet net = sc.readNet();
        StringBuilder xml = new StringBuilder("<additional>\n");
        for (TlsProgram p : sc.activePrograms(net).values()) {
            xml.append(String.format(Locale.ROOT, "    <tlLogic id=\"%s\" type=\"actuated\" programID=\"kielce-actuated\" offset=\"%.0f\">%n",
                    p.tlsId(), p.offsetSeconds()));
            for (TlsProgram.Phase ph : p.phases()) {
                xml.append(String.format(Locale.ROOT, "        <phase duration=\"%.0f\" state=\"%s\"%s%s/>%n", ph.durationSeconds(), ph.state(),
                        Double.isNaN(ph.minDurSeconds()) ? "" : String.format(Locale.ROOT, " minDur=\"%.0f\"", ph.minDurSeconds()),
                        Double.isNaN(ph.maxDurSeconds()) ? "" : String.format(Locale.ROOT, " maxDur=\"%.0f\"", ph.maxDurSeconds())));
            }
            xml.append("    </tlLogic>\n");
        }
        xml.append("</additional>\n");
        Files.writeString(target.resolve("kielce_actuated.add.xml"), xml);
        List<String> adds = new ArrayList<>(sc.additionalFileNames());
        adds.add("kielce_actuated.add.xml");
        Path cfg = target.resolve("run.sumocfg");
        SumoScenario.writeConfig(sc.config(), cfg, adds);
        if (!sc.config().equals(cfg)) Files.delete(sc.config());
        return target;
    }

    static Map<String, Double> sorted(Map<String, Double> m) {
        return new LinkedHashMap<>(new java.util.TreeMap<>(m));
    }
}
