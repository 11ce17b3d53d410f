package pl.kielce.traffic.anpr.recognition;

import java.util.Objects;

/**
 * One reading of one plate region: normalised text (upper case, no spaces), a confidence in 0..1
 * and where the plate is in the photo.
 */
public record PlateCandidate(String text, double confidence, PlateBox box) {
    public PlateCandidate {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(box, "box");
        if (!text.matches("[A-Z0-9]{1,12}")) {
            throw new IllegalArgumentException("plate text must be 1-12 of A-Z0-9, was '" + text + "'");
        }
        if (Double.isNaN(confidence) || confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
    }
}
