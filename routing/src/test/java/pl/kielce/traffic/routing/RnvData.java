package pl.kielce.traffic.routing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real RNV network and timetable in the shared data folder ({@code TRAFFIC_DATA_DIR} or {@code ${repo.root}/../shared/data}). */
public final class RnvData {
    private RnvData() {
    }

    public static Path dir() {
        String env = System.getenv("TRAFFIC_DATA_DIR");
        Path base = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("repo.root", "..")).resolve("../shared/data");
        return base.resolve("rnv").toAbsolutePath().normalize();
    }

    public static Path osm() {
        return dir().resolve("rnv.osm.pbf");
    }

    public static Path gtfs() {
        return dir().resolve("rnv.zip");
    }

    /** For {@code @EnabledIf}: the tests on real data skip (with this reason) when it is absent. */
    public static boolean present() {
        boolean ok = Files.isRegularFile(osm()) && Files.isRegularFile(gtfs());
        if (!ok) {
            System.err.println("RNV data not found in " + dir() + " (set TRAFFIC_DATA_DIR): skipping tests on real data");
        }
        return ok;
    }
}
