package pl.kielce.traffic.anpr;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared plate photos are: env TRAFFIC_DATA_DIR, else ${repo.root}/../shared/data. */
public final class TestData {
    private TestData() {
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    public static Path plates(String set) {
        String env = System.getenv("TRAFFIC_DATA_DIR");
        Path data = env != null && !env.isBlank() ? Path.of(env) : repoRoot().resolve("../shared/data").normalize();
        return data.resolve("plates").resolve(set);
    }

    public static boolean present(Path p) {
        return Files.isDirectory(p);
    }
}
