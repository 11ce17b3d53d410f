package pl.kielce.traffic.routing.transit.model;

import java.time.LocalDate;
import java.util.Set;

/** GTFS calendar.txt row plus calendar_dates.txt exceptions of one service_id. */
public record ServiceCalendar(String serviceId, LocalDate startDate, LocalDate endDate, boolean[] weekdays,
                              Set<LocalDate> added, Set<LocalDate> removed) {

    public ServiceCalendar {
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
        weekdays = weekdays == null ? new boolean[7] : weekdays.clone();
    }

    public boolean activeOn(LocalDate date) {
        if (removed.contains(date)) {
            return false;
        }
        if (added.contains(date)) {
            return true;
        }
        return startDate != null && !date.isBefore(startDate) && !date.isAfter(endDate)
                && weekdays[date.getDayOfWeek().getValue() - 1];
    }

    LocalDate firstDate() {
        LocalDate d = startDate;
        for (LocalDate a : added) {
            if (d == null || a.isBefore(d)) {
                d = a;
            }
        }
        return d;
    }

    LocalDate lastDate() {
        LocalDate d = endDate;
        for (LocalDate a : added) {
            if (d == null || a.isAfter(d)) {
                d = a;
            }
        }
        return d;
    }
}
