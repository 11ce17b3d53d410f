package pl.kielce.traffic.signals.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Kielce signal model of the repository and named test times. */
final class SignalFixtures {
    static final long T0 = Instant.parse("2026-11-28T08:00:00Z").toEpochMilli();
    static final long FIVE_MINUTES = 300_000L;

    private SignalFixtures() {
    }

    static Path kielceXml() {
        return Path.of(System.getProperty("repo.root", "../"), "cities", "kielce", "intersections.xml");
    }

    static SignalModel.Source source() {
        return SignalModel.Source.read(kielceXml());
    }

    static SignalModel kielce() {
        return source().load();
    }

    /** Movement flows veh/h from pairs "id", q, "id", q… */
    static Map<String, Double> flows(Object... pairs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return out;
    }

    /** Warszawska / Czarnowska with a heavy west approach: the shipped 20 s for W is too short. */
    static Map<String, Double> czarnowskaHeavyWest() {
        return flows("N-T", 900, "S-T", 800, "S-L", 150, "W", 1100);
    }

    static Map<String, Double> solidarnosciPeak() {
        return flows("E-T", 1500, "W-T", 1300, "E-L", 250, "W-L", 200, "N-TR", 900, "S-TR", 800, "N-L", 120, "S-L", 100);
    }

    static Map<String, Double> sienkiewiczaPeak() {
        return flows("E-T", 1500, "W-T", 1400, "N", 250, "S", 200);
    }
}
