package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;

/**
 * One vehicle seen by one camera, as far as the decision needs it.
 *
 * @param cameraId     the camera id from the pack's {@code cameras.geojson}
 * @param plate        the plate as read, or {@code null} (what-if replays carry no plates); normalised here to upper
 *                     case letters and digits ({@code "tk 123-45"} → {@code "TK12345"}), as the registers key it. Never logged.
 * @param plateCountry ISO 3166 alpha-2 country of the plate as read (e.g. {@code "PL"}), {@code null} if unknown
 * @param confidence   recognition confidence 0…1; {@code Double.NaN} when the reader gives none
 *                     (treated as confident)
 * @param observedBody the body class the camera saw, or {@code null}; compared with the register's category
 */
public record PassageFacts(String cameraId, String plate, String plateCountry, double confidence,
                           VehicleCategory.Body observedBody) implements Serializable {

    public PassageFacts {
        if (cameraId == null || cameraId.isBlank()) throw new IllegalArgumentException("cameraId is required");
        plate = normalisePlate(plate);
        if (!Double.isNaN(confidence) && (confidence < 0 || confidence > 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " must be within 0…1 (or NaN when not given)");
        }
    }

    /** Upper case letters and digits only; returns the same instance when already normalised (no allocation). */
    public static String normalisePlate(String plate) {
        if (plate == null) return null;
        boolean clean = true;
        for (int i = 0; i < plate.length() && clean; i++) {
            char c = plate.charAt(i);
            clean = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (clean) return plate;
        StringBuilder b = new StringBuilder(plate.length());
        for (int i = 0; i < plate.length(); i++) {
            char c = plate.charAt(i);
            if (Character.isLetterOrDigit(c)) b.append(Character.toUpperCase(c));
        }
        return b.toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** A Polish plate read with full confidence. */
    public static PassageFacts of(String cameraId, String plate) {
        return new PassageFacts(cameraId, plate, "PL", Double.NaN, null);
    }

    /** A passage without a plate (what-if replay of anonymised history). */
    public static PassageFacts anonymous(String cameraId) {
        return new PassageFacts(cameraId, null, "PL", Double.NaN, null);
    }
}
