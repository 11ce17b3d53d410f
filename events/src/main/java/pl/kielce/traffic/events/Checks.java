package pl.kielce.traffic.events;

import java.util.List;

/** Argument checks shared by the event records; messages name the field. */
final class Checks {
    private Checks() {
    }

    static String text(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static double fraction(String field, double value) {
        if (Double.isNaN(value) || value < 0.0 || value > 1.0) {
            throw new IllegalArgumentException(field + " must be within 0..1, was " + value);
        }
        return value;
    }

    static long notNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    static <T> List<T> list(String field, List<T> value) {
        if (value == null) {
            return List.of();
        }
        for (T t : value) {
            if (t == null) {
                throw new IllegalArgumentException(field + " must not contain null");
            }
        }
        return List.copyOf(value);
    }
}
