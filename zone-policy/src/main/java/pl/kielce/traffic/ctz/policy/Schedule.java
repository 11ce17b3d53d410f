package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When the zone operates: days of week, a daily window (may wrap past midnight) and closed days
 * (fixed dates and yearly dates such as Christmas Day). 24/7 by default.
 */
public final class Schedule implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Schedule ALWAYS = new Schedule(EnumSet.allOf(DayOfWeek.class), 0, 86_400, List.of(), List.of());

    private final int dayMask;            // bit 0 = Monday
    private final int fromSecondOfDay;
    private final int toSecondOfDay;      // exclusive; 86400 = midnight
    private final long[] closedEpochDays; // sorted
    private final int[] closedYearly;     // month * 32 + day
    private final Set<DayOfWeek> days;

    public Schedule(Set<DayOfWeek> days, int fromSecondOfDay, int toSecondOfDay, List<LocalDate> closedDates, List<MonthDay> closedEveryYear) {
        if (days.isEmpty()) throw new IllegalArgumentException("a schedule needs at least one day");
        if (fromSecondOfDay < 0 || fromSecondOfDay >= 86_400 || toSecondOfDay <= 0 || toSecondOfDay > 86_400 || fromSecondOfDay == toSecondOfDay) {
            throw new IllegalArgumentException("schedule hours must be within 00:00…24:00 and not empty");
        }
        int m = 0;
        for (DayOfWeek d : days) m |= 1 << (d.getValue() - 1);
        this.days = EnumSet.copyOf(days);
        this.dayMask = m;
        this.fromSecondOfDay = fromSecondOfDay;
        this.toSecondOfDay = toSecondOfDay;
        this.closedEpochDays = closedDates.stream().mapToLong(LocalDate::toEpochDay).sorted().toArray();
        this.closedYearly = closedEveryYear.stream().mapToInt(md -> md.getMonthValue() * 32 + md.getDayOfMonth()).sorted().toArray();
    }

    /**
     * Whether the zone operates at a local moment given as epoch day and second of day (allocation-free).
     * A window that wraps midnight (22:00–06:00) belongs to the day it starts on.
     */
    public boolean isActive(long localEpochDay, int secondOfDay) {
        if (dayMask == 0x7f && fromSecondOfDay == 0 && toSecondOfDay == 86_400 && closedEpochDays.length == 0 && closedYearly.length == 0) {
            return true;
        }
        long day = localEpochDay;
        if (fromSecondOfDay < toSecondOfDay) {
            if (secondOfDay < fromSecondOfDay || secondOfDay >= toSecondOfDay) return false;
        } else { // wraps midnight
            if (secondOfDay < toSecondOfDay) day = localEpochDay - 1;
            else if (secondOfDay < fromSecondOfDay) return false;
        }
        int dow = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday → Monday = 0
        if ((dayMask & (1 << dow)) == 0) return false;
        if (closedEpochDays.length > 0 && Arrays.binarySearch(closedEpochDays, day) >= 0) return false;
        if (closedYearly.length > 0) {
            LocalDate d = LocalDate.ofEpochDay(day);
            if (Arrays.binarySearch(closedYearly, d.getMonthValue() * 32 + d.getDayOfMonth()) >= 0) return false;
        }
        return true;
    }

    public boolean isAlways() { return this == ALWAYS || (dayMask == 0x7f && fromSecondOfDay == 0 && toSecondOfDay == 86_400 && closedEpochDays.length == 0 && closedYearly.length == 0); }

    public String describe() {
        if (isAlways()) return "24/7";
        return days + " " + hhmm(fromSecondOfDay) + "–" + hhmm(toSecondOfDay)
                + (closedEpochDays.length + closedYearly.length > 0 ? " except closed days" : "");
    }

    private static String hhmm(int s) { return String.format("%02d:%02d", s / 3600, (s % 3600) / 60); }
}
