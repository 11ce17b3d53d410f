package pl.kielce.traffic.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One plate read by one ANPR camera. Topic {@link Topics#ANPR_READS}, key = camera id.
 *
 * @param readId      unique id of this read (UUID or camera-local id), non-blank
 * @param cameraId    camera id as in {@code cities/kielce/cameras.geojson}, non-blank
 * @param capturedAt  when the image was taken, with the camera's zone offset (kept as sent)
 * @param plate       best plate text, normalised: {@code [A-Z0-9]{1,12}} (no spaces)
 * @param country     country sign of the plate, 1–3 capital letters ({@code PL}, {@code D}, {@code CZ});
 *                    {@code ZZ} when unknown
 * @param confidence  confidence of {@code plate}, 0..1
 * @param candidates  alternative readings, best first (may be empty, never null after construction)
 * @param evidenceRef reference of the stored image (nullable: no evidence kept)
 * @param plateBox    where the plate is in the image, pixels (nullable)
 */
public record AnprRead(
        String readId,
        String cameraId,
        OffsetDateTime capturedAt,
        String plate,
        String country,
        @JsonProperty(required = true) double confidence,
        List<PlateCandidate> candidates,
        String evidenceRef,
        PlateBox plateBox) {

    static final Pattern PLATE = Pattern.compile("[A-Z0-9]{1,12}");
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{1,3}");

    public AnprRead {
        Checks.text("readId", readId);
        Checks.text("cameraId", cameraId);
        Checks.present("capturedAt", capturedAt);
        plate(Checks.text("plate", plate), "plate");
        if (!COUNTRY.matcher(Checks.text("country", country)).matches()) {
            throw new IllegalArgumentException("country must be 1-3 capital letters, was '" + country + "'");
        }
        Checks.fraction("confidence", confidence);
        candidates = Checks.list("candidates", candidates);
        if (evidenceRef != null && evidenceRef.isBlank()) {
            throw new IllegalArgumentException("evidenceRef must be null or non-blank");
        }
    }

    static String plate(String text, String field) {
        if (!PLATE.matcher(text).matches()) {
            // never echo the text itself: a plate is personal data
            throw new IllegalArgumentException(field + " must match [A-Z0-9]{1,12} (normalised, no spaces)");
        }
        return text;
    }

    /** An alternative reading of the plate. */
    public record PlateCandidate(String text, @JsonProperty(required = true) double confidence) {
        public PlateCandidate {
            plate(Checks.text("candidate text", text), "candidate text");
            Checks.fraction("candidate confidence", confidence);
        }
    }

    /** Plate bounding box in image pixels; x, y = top-left corner. */
    public record PlateBox(@JsonProperty(required = true) int x, @JsonProperty(required = true) int y,
                           @JsonProperty(required = true) int w, @JsonProperty(required = true) int h) {
        public PlateBox {
            if (x < 0 || y < 0) {
                throw new IllegalArgumentException("plateBox x and y must not be negative");
            }
            if (w <= 0 || h <= 0) {
                throw new IllegalArgumentException("plateBox w and h must be positive");
            }
        }
    }
}
