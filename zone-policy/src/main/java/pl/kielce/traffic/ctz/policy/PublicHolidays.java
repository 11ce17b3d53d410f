package pl.kielce.traffic.ctz.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Statutory public holidays (dni wolne od pracy, ustawa z 18 stycznia 1951 r.) for Poland: the fixed
 * days, the Easter-dependent ones, and 24 December from 2025 on (Dz.U. 2024 poz. 1965).
 */
public final class PublicHolidays {
    private PublicHolidays() {}

    /** Polish public holidays of {@code year}. */
    public static List<LocalDate> poland(int year) {
        List<LocalDate> d = new ArrayList<>();
        LocalDate easter = easterSunday(year);
        d.add(LocalDate.of(year, 1, 1));
        d.add(LocalDate.of(year, 1, 6));
        d.add(easter);
        d.add(easter.plusDays(1));     // Easter Monday
        d.add(LocalDate.of(year, 5, 1));
        d.add(LocalDate.of(year, 5, 3));
        d.add(easter.plusDays(49));    // Pentecost Sunday
        d.add(easter.plusDays(60));    // Corpus Christi
        d.add(LocalDate.of(year, 8, 15));
        d.add(LocalDate.of(year, 11, 1));
        d.add(LocalDate.of(year, 11, 11));
        if (year >= 2025) d.add(LocalDate.of(year, 12, 24));
        d.add(LocalDate.of(year, 12, 25));
        d.add(LocalDate.of(year, 12, 26));
        return d;
    }

    /** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
