package pl.kielce.traffic.ctz.policy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** {@code ./traffic bench policy}: cold load in a fresh JVM, then the JMH benchmarks (JSON to the given file). */
public final class BenchMain {
    public static void main(String[] args) throws Exception {
        Path json = Path.of(args.length > 0 ? args[0] : "target/jmh-policy.json");
        Files.createDirectories(json.toAbsolutePath().getParent());
        System.out.println("cold load of cities/kielce in a fresh JVM: " + DecideBenchmark.coldLoadMillis() + " ms");
        Options opt = new OptionsBuilder()
                .include(DecideBenchmark.class.getName())
                .result(json.toString()).resultFormat(ResultFormatType.JSON)
                .jvmArgsAppend("-Drepo.root=" + System.getProperty("repo.root", ""))
                .build();
        new Runner(opt).run();
    }
}
