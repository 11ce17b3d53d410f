package pl.kielce.traffic.ctz.policy;

import java.util.Locale;
import java.util.Optional;

/** EU vehicle categories (UNECE R.E.3) used by the zone rules. */
public enum VehicleCategory {
    M1(Body.LIGHT), M2(Body.BUS), M3(Body.BUS), N1(Body.LIGHT), N2(Body.TRUCK), N3(Body.TRUCK), L(Body.TWO_OR_THREE_WHEELER);

    /**
     * What a roadside camera can tell apart. M1 and N1 (car vs. van) are one body class because
     * camera classifiers confuse them routinely; a different body class is a register mismatch.
     */
    public enum Body { LIGHT, BUS, TRUCK, TWO_OR_THREE_WHEELER }

    private final Body body;

    VehicleCategory(Body body) { this.body = body; }

    public Body body() { return body; }

    public static Optional<VehicleCategory> parse(String text) {
        if (text == null) return Optional.empty();
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.length() >= 2 && s.charAt(0) == 'L' && Character.isDigit(s.charAt(1))) s = "L"; // L1e…L7e
        try { return Optional.of(valueOf(s)); } catch (IllegalArgumentException e) { return Optional.empty(); }
    }
}
