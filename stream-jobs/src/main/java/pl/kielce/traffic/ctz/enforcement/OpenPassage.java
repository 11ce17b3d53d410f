package pl.kielce.traffic.ctz.enforcement;

/** Keyed state of {@link PassageFunction}: the passage open for one plate in one zone. */
public record OpenPassage(String passageId, long firstSeenMillis) {
}
