package pl.kielce.traffic.anpr.eval;

import pl.kielce.traffic.anpr.recognition.PlateBox;

import java.nio.file.Path;
import java.util.Objects;

/** A photo with its true plate text (normalised) and, when known, the plate's box. */
public record LabelledImage(Path path, String plate, PlateBox box) {
    public LabelledImage {
        Objects.requireNonNull(path, "path");
        plate = GroundTruth.normalise(plate);
        if (plate.isEmpty()) {
            throw new IllegalArgumentException("plate text is empty for " + path);
        }
    }
}
