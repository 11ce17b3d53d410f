package pl.kielce.traffic.console.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parsing of request parameters into checked values, with errors that name the field. */
public final class Params {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private Params() {
    }

    public static Instant instant(String field, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadInput(field, field + " must be an ISO-8601 instant such as 2026-11-28T12:00:00Z, was '"
                        + value + "'");
            }
        }
    }

    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadInput(field, field + " must be a date such as 2026-11-28, was '" + value + "'");
        }
    }

    /** An optional identifier (camera, stage, intersection): letters, digits, . _ : - up to 64. */
    public static String id(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ID.matcher(value.trim()).matches()) {
            throw new BadInput(field, field + " must be 1–64 of letters, digits and . _ : -, was '" + value + "'");
        }
        return value.trim();
    }

    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BadInput(field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", was '" + value + "'");
        }
    }
}
