package pl.kielce.traffic.signals.sumo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pl.kielce.traffic.signals.timing.TimingSettings;

/**
 * {@code ./traffic signals …}:
 * <pre>
 *   optimize --sumo-scenario DIR --out OUTDIR [--method min-delay|webster] [--max-cycle S]
 *            [--program-bounds] [--single-plan] [--saturation VEH_H_LANE] [--analysis-period-h H]
 *            [--window-s S] [--work DIR [--reuse-measurement]]
 *   sumo-eval --scenario DIR
 *   bench --scenario DIR [--work DIR]
 * </pre>
 */
public final class SignalsCommand {
    private SignalsCommand() {}

    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(args, System.out);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("signals: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    static int run(String[] args, PrintStream out) throws IOException {
        if (args.length == 0) throw new IllegalArgumentException("usage: signals optimize|sumo-eval|bench …");
        Map<String, String> opts = options(args);
        SumoRunner runner = SumoRunner.fromEnvironment(Duration.ofMinutes(20));
        SumoSignalTiming timing = new SumoSignalTiming(runner, out);
        switch (args[0]) {
            case "optimize", "optimise" -> {
                Path scenario = path(opts, "sumo-scenario");
                Path target = path(opts, "out");
                boolean keep = opts.containsKey("work");
                Path work = keep ? Path.of(opts.get("work")).toAbsolutePath() : Files.createTempDirectory("signals-optimize");
                SumoSignalTiming.Result r = timing.optimise(scenario, target, work, options(opts));
                out.printf(Locale.ROOT, "measured run: %s%n", r.measuredRun().line());
                out.print(r.report());
                out.printf("wrote %s (run.sumocfg loads %s)%n", target, SumoSignalTiming.PLAN_FILE);
                if (!keep) SumoSignalTiming.deleteRecursively(work);
                return 0;
            }
            case "sumo-eval" -> {
                Path scenario = path(opts, "scenario");
                Path work = Files.createTempDirectory("signals-eval");
                SumoStatistics s = timing.evaluate(scenario, work);
                out.printf(Locale.ROOT, "scenario:          %s%n", scenario);
                out.printf(Locale.ROOT, "mean time loss:    %.2f s%n", s.meanTimeLossSeconds());
                out.printf(Locale.ROOT, "mean waiting time: %.2f s%n", s.meanWaitingSeconds());
                out.printf(Locale.ROOT, "mean depart delay: %.2f s%n", s.meanDepartDelaySeconds());
                out.printf(Locale.ROOT, "completed trips:   %d of %d%n", s.completedTrips(), s.loadedVehicles());
                out.printf(Locale.ROOT, "teleports:         %d%n", s.teleports());
                out.println(s.line());
                SumoSignalTiming.deleteRecursively(work);
                return 0;
            }
            case "bench" -> {
                return SignalsBench.run(path(opts, "scenario"), opts.containsKey("work") ? Path.of(opts.get("work")) : null,
                        timing, out);
            }
            default -> throw new IllegalArgumentException("unknown signals command '" + args[0] + "' (optimize, sumo-eval, bench)");
        }
    }

    static SumoSignalTiming.Options options(Map<String, String> opts) {
        ImportSettings imp = ImportSettings.defaults();
        if (opts.containsKey("max-cycle")) imp = imp.withMaxCycleSeconds(number(opts, "max-cycle"));
        if (opts.containsKey("program-bounds")) imp = imp.withUseProgramBounds(true);
        if (opts.containsKey("saturation")) imp = imp.withBaseSaturationFlow(number(opts, "saturation"));
        TimingSettings ts = SumoSignalTiming.Options.defaults().timingSettings();
        String method = opts.getOrDefault("method", "min-delay");
        ts = switch (method) {
            case "min-delay" -> ts.withMethod(TimingSettings.Method.MIN_DELAY);
            case "webster" -> ts.withMethod(TimingSettings.Method.WEBSTER);
            default -> throw new IllegalArgumentException("--method must be min-delay or webster, was " + method);
        };
        if (opts.containsKey("analysis-period-h")) ts = ts.withAnalysisPeriodHours(number(opts, "analysis-period-h"));
        if (opts.containsKey("saturated-x")) ts = ts.withSaturatedDegree(number(opts, "saturated-x"));
        if (opts.containsKey("permitted-factor")) ts = ts.withPermittedGreenFactor(number(opts, "permitted-factor"));
        if (opts.containsKey("max-share-cut")) ts = ts.withMaxShareCut(number(opts, "max-share-cut"));
        return new SumoSignalTiming.Options(imp, ts, opts.containsKey("window-s") ? number(opts, "window-s") : 3600,
                !opts.containsKey("single-plan"), opts.containsKey("reuse-measurement"));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        List<String> flags = List.of("program-bounds", "single-plan", "reuse-measurement");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + a + "'");
            String key = a.substring(2);
            if (flags.contains(key)) {
                m.put(key, "true");
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                m.put(key, args[++i]);
            }
        }
        return m;
    }

    private static Path path(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) throw new IllegalArgumentException("--" + key + " is required");
        return Path.of(v).toAbsolutePath();
    }

    private static double number(Map<String, String> opts, String key) {
        try {
            return Double.parseDouble(opts.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, was '" + opts.get(key) + "'");
        }
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
