package pl.kielce.traffic.anpr.recognition;

import java.util.Objects;

/**
 * One reading of one plate region: normalised text (upper case, no spaces), a confidence in 0..1
 * and where the plate is in the photo; {@code country} is the plate scheme the text fits (PL, SK, CZ) or ZZ
 * when it fits none — a hint from the grammar, not a read of the country sign.
 */
public record PlateCandidate(String text, double confidence, PlateBox box, String country) {
    public PlateCandidate {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(box, "box");
        if (country == null || !country.matches("[A-Z]{1,3}")) {
            throw new IllegalArgumentException("country must be 1-3 capital letters (ZZ = unknown), was " + country);
        }
        if (!text.matches("[A-Z0-9]{1,12}")) {
            throw new IllegalArgumentException("plate text must be 1-12 of A-Z0-9, was '" + text + "'");
        }
        if (Double.isNaN(confidence) || confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
    }
}
