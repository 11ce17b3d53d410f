package pl.kielce.traffic.flows;

import java.util.Locale;

/** Minimal JSON writing for the flow job's outputs (no reflection on the hot path). */
public final class Json {
    private Json() {
    }

    public static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        if (value == null) {
            return b.append("null");
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /** A number with up to 4 decimals; NaN/infinite → null. */
    public static StringBuilder number(StringBuilder b, String name, double value) {
        b.append('"').append(name).append("\":");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return b.append("null");
        }
        return b.append(Math.round(value * 10_000d) / 10_000d);
    }
}
