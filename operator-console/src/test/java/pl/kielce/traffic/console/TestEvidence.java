package pl.kielce.traffic.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A per-JVM temporary evidence folder (tests copy real photos into it; the shared data stays read-only). */
public final class TestEvidence {
    private static Path dir;

    private TestEvidence() {
    }

    public static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("console-evidence");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** Folder of the real Polish plate photos, or null when the shared data is absent. */
    public static Path plPhotos() {
        String env = System.getenv("TRAFFIC_DATA_DIR");
        Path data = env != null && !env.isBlank() ? Path.of(env) : ConsoleTest.repoRoot().resolve("../shared/data").normalize();
        Path pl = data.resolve("plates/pl-dev");
        return Files.isDirectory(pl) ? pl : null;
    }
}
