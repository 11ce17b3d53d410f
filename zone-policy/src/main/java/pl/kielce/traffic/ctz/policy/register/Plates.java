package pl.kielce.traffic.ctz.policy.register;

import java.util.Locale;

/** Plate normalisation shared by every register: upper case, letters and digits only. */
public final class Plates {
    private Plates() {}

    /** {@code "tk 12345"} → {@code "TK12345"}; null stays null. */
    public static String normalise(String plate) {
        if (plate == null) return null;
        StringBuilder b = new StringBuilder(plate.length());
        for (int i = 0; i < plate.length(); i++) {
            char c = plate.charAt(i);
            if (Character.isLetterOrDigit(c)) b.append(Character.toUpperCase(c));
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
