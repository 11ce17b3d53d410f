package pl.kielce.traffic.ctz.enforcement;

/**
 * A passage that used one of the plate's occasional entries (a day a year a non-compliant vehicle may enter):
 * written to the occasional-entry register ({@code occasional_entries}) so the days are counted. The register
 * holds the plate by law's necessity; nothing else about such an EXEMPT passage is kept.
 */
public record OccasionalEntry(String plate, String localDay) {
    @Override
    public String toString() {
        return "OccasionalEntry[" + localDay + "]";
    }
}
