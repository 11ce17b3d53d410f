package pl.kielce.traffic.ctz.policy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import pl.kielce.traffic.ctz.policy.CityPacks;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;

/**
 * {@code ./traffic bench policy}: cold pack loads in 5 fresh JVMs (median), then the JMH benchmarks
 * (JSON to the given file).
 */
public final class BenchMain {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--cold-load")) {
            long t0 = System.nanoTime();
            PolicyPacks.load(CityPacks.dir("kielce"));
            System.out.println((System.nanoTime() - t0) / 1_000_000);
            return;
        }
        Path json = Path.of(args.length > 0 ? args[0] : "target/jmh-policy.json");
        Files.createDirectories(json.toAbsolutePath().getParent());
        List<Long> cold = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Drepo.root=" + System.getProperty("repo.root", ""), "-cp", System.getProperty("java.class.path"),
                    BenchMain.class.getName(), "--cold-load").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            cold.add(Long.parseLong(out.lines().reduce((a, b) -> b).orElseThrow()));
        }
        List<Long> sorted = new ArrayList<>(cold);
        Collections.sort(sorted);
        System.out.println("cold load of cities/kielce (policy + zones + cameras, validated) in 5 fresh JVMs: " + cold
                + " ms, median " + sorted.get(2) + " ms");
        Options opt = new OptionsBuilder()
                .include(DecideBenchmark.class.getName())
                .result(json.toString()).resultFormat(ResultFormatType.JSON)
                .jvmArgsAppend("-Drepo.root=" + System.getProperty("repo.root", ""))
                .build();
        new Runner(opt).run();
    }
}
