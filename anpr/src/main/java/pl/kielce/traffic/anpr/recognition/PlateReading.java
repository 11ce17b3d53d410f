package pl.kielce.traffic.anpr.recognition;

import java.util.List;
import java.util.Optional;

/** The result for one photo: candidates best first (possibly none). */
public record PlateReading(List<PlateCandidate> candidates) {
    public PlateReading {
        candidates = List.copyOf(candidates);
    }

    public static PlateReading none() {
        return new PlateReading(List.of());
    }

    public Optional<PlateCandidate> best() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }
}
