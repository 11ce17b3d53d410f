package pl.kielce.traffic.ctz.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Euro emission norms in the order in which they tighten. {@code EURO_6D_TEMP} and {@code EURO_6D}
 * are distinct steps (Warsaw 2030 vs 2032). Heavy-duty norms (Euro I…VI) map to the same steps.
 */
public enum EuroNorm {
    EURO_0("Euro 0"), EURO_1("Euro 1"), EURO_2("Euro 2"), EURO_3("Euro 3"), EURO_4("Euro 4"),
    EURO_5("Euro 5"), EURO_6("Euro 6"), EURO_6C("Euro 6c"), EURO_6D_TEMP("Euro 6d-TEMP"),
    EURO_6D("Euro 6d"), EURO_6E("Euro 6e"), EURO_7("Euro 7");

    private final String label;

    EuroNorm(String label) { this.label = label; }

    /** The human label, e.g. {@code "Euro 6d-TEMP"}. */
    public String label() { return label; }

    public boolean atLeast(EuroNorm other) { return compareTo(other) >= 0; }

    /**
     * Parses the spellings found in registers and resolutions: {@code "Euro 6d-TEMP"}, {@code "6d-temp"},
     * {@code "EURO_6D_TEMP"}, {@code "Euro VI"}, {@code "5"}, {@code "Euro 5a"} (sub-steps a/b of Euro 5
     * and b of Euro 6 fold into their main norm).
     */
    public static Optional<EuroNorm> parse(String text) {
        if (text == null) return Optional.empty();
        String s = text.trim().toUpperCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
        if (s.startsWith("EURO")) s = s.substring(4).trim();
        s = s.replace(" ", "");
        switch (s) {
            case "0": return Optional.of(EURO_0);
            case "1": case "I": return Optional.of(EURO_1);
            case "2": case "II": return Optional.of(EURO_2);
            case "3": case "III": return Optional.of(EURO_3);
            case "4": case "IV": return Optional.of(EURO_4);
            case "5": case "5A": case "5B": case "V": case "EEV": return Optional.of(EURO_5);
            case "6": case "6B": case "VI": return Optional.of(EURO_6);
            case "6C": return Optional.of(EURO_6C);
            case "6DTEMP": return Optional.of(EURO_6D_TEMP);
            case "6D": return Optional.of(EURO_6D);
            case "6E": return Optional.of(EURO_6E);
            case "7": return Optional.of(EURO_7);
            default: return Optional.empty();
        }
    }

    @Override public String toString() { return label; }
}
