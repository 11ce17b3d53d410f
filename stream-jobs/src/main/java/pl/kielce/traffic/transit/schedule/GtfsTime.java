package pl.kielce.traffic.transit.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** GTFS time arithmetic: "HH:MM:SS" (hours may exceed 23) and service-day anchoring. */
public final class GtfsTime {
    private GtfsTime() {
    }

    /** Parses "H:MM:SS" / "HH:MM:SS"; returns -1 for an empty value; throws on a malformed one. */
    public static int parseSeconds(CharSequence s) {
        int len = s.length();
        if (len == 0) {
            return -1;
        }
        int h = 0;
        int i = 0;
        while (i < len && s.charAt(i) != ':') {
            h = h * 10 + digit(s, i++);
        }
        if (i == 0 || i + 6 != len || s.charAt(i + 3) != ':') {
            throw new IllegalArgumentException("not a GTFS time (HH:MM:SS): '" + s + "'");
        }
        int m = digit(s, i + 1) * 10 + digit(s, i + 2);
        int sec = digit(s, i + 4) * 10 + digit(s, i + 5);
        if (m > 59 || sec > 59) {
            throw new IllegalArgumentException("not a GTFS time (HH:MM:SS): '" + s + "'");
        }
        return h * 3600 + m * 60 + sec;
    }

    private static int digit(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a GTFS time (HH:MM:SS): '" + s + "'");
        }
        return c - '0';
    }

    public static String format(int seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /**
     * Epoch second of the start of a service day: GTFS measures times from "noon minus 12 h" in the
     * agency time zone (equal to midnight except on daylight-saving change days).
     */
    public static long serviceDayStartEpochSeconds(LocalDate serviceDate, ZoneId zone) {
        return ZonedDateTime.of(serviceDate, LocalTime.NOON, zone).toEpochSecond() - 12 * 3600;
    }

    public static Instant instantOf(LocalDate serviceDate, int secondsOfServiceDay, ZoneId zone) {
        return Instant.ofEpochSecond(serviceDayStartEpochSeconds(serviceDate, zone) + secondsOfServiceDay);
    }
}
