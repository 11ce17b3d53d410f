package pl.kielce.traffic.ctz.policy;

import java.util.Locale;
import java.util.Optional;

/** Fuel or drive as the central vehicle register (CEP) reports it. */
public enum Fuel {
    PETROL, DIESEL, LPG, CNG, LNG, HYBRID, ELECTRIC, HYDROGEN;

    public String code() { return name().toLowerCase(Locale.ROOT); }

    /** Polish name as on the registration certificate. */
    public String labelPl() {
        switch (this) {
            case PETROL: return "benzyna";
            case DIESEL: return "olej napędowy";
            case HYBRID: return "hybryda";
            case ELECTRIC: return "energia elektryczna";
            case HYDROGEN: return "wodór";
            default: return name();
        }
    }

    /** Accepts English codes ({@code petrol}) and the Polish register words ({@code benzyna}, {@code olej napędowy}). */
    public static Optional<Fuel> parse(String text) {
        if (text == null) return Optional.empty();
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "petrol": case "gasoline": case "benzyna": case "p": return Optional.of(PETROL);
            case "diesel": case "olej napędowy": case "on": case "d": return Optional.of(DIESEL);
            case "lpg": case "gaz": return Optional.of(LPG);
            case "cng": return Optional.of(CNG);
            case "lng": return Optional.of(LNG);
            case "hybrid": case "hybryda": case "hev": case "phev": return Optional.of(HYBRID);
            case "electric": case "elektryczny": case "ev": case "bev": return Optional.of(ELECTRIC);
            case "hydrogen": case "wodór": case "h2": case "fcev": return Optional.of(HYDROGEN);
            default: return Optional.empty();
        }
    }
}
