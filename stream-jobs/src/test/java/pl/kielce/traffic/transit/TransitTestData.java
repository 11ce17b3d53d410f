package pl.kielce.traffic.transit;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared real data ({@code ${repo.root}/../shared/data}, or env TRAFFIC_DATA_DIR); skips when absent. */
public final class TransitTestData {
    private TransitTestData() {
    }

    public static Path dataDir() {
        String env = System.getenv("TRAFFIC_DATA_DIR");
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("repo.root", "."), "..", "shared", "data");
        return p.toAbsolutePath().normalize();
    }

    /** The RNV GTFS zip (Rhein-Neckar, autumn 2016); the test is skipped when it is not there. */
    public static Path rnvGtfs() {
        Path p = dataDir().resolve("rnv").resolve("rnv.zip");
        Assumptions.assumeTrue(Files.isRegularFile(p),
                "RNV GTFS not found at " + p + " (set TRAFFIC_DATA_DIR to the shared data folder); skipping");
        return p;
    }
}
