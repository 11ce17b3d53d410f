package pl.kielce.traffic.transit.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** GTFS {@code calendar.txt} + {@code calendar_dates.txt}: on which service days a service id runs. */
public final class ServiceCalendar {
    /** One row of calendar.txt. {@code weekdays[0]} is Monday. */
    public record WeeklyService(LocalDate startDate, LocalDate endDate, boolean[] weekdays) {
        public WeeklyService {
            Objects.requireNonNull(startDate, "startDate");
            Objects.requireNonNull(endDate, "endDate");
            if (weekdays.length != 7) {
                throw new IllegalArgumentException("weekdays needs 7 entries");
            }
            weekdays = weekdays.clone();
        }

        boolean runsOn(LocalDate date) {
            return !date.isBefore(startDate) && !date.isAfter(endDate)
                    && weekdays[date.getDayOfWeek().getValue() - 1];
        }
    }

    private final Map<String, WeeklyService> weekly;
    private final Map<LocalDate, Set<String>> added;
    private final Map<LocalDate, Set<String>> removed;

    private ServiceCalendar(Map<String, WeeklyService> weekly, Map<LocalDate, Set<String>> added,
                            Map<LocalDate, Set<String>> removed) {
        this.weekly = Map.copyOf(weekly);
        this.added = Map.copyOf(added);
        this.removed = Map.copyOf(removed);
    }

    public boolean isActive(String serviceId, LocalDate serviceDate) {
        if (removed.getOrDefault(serviceDate, Set.of()).contains(serviceId)) {
            return false;
        }
        if (added.getOrDefault(serviceDate, Set.of()).contains(serviceId)) {
            return true;
        }
        WeeklyService w = weekly.get(serviceId);
        return w != null && w.runsOn(serviceDate);
    }

    /** The first and last day any service runs (for choosing a default simulation date). */
    public LocalDate firstDate() {
        LocalDate first = null;
        for (WeeklyService w : weekly.values()) {
            first = first == null || w.startDate().isBefore(first) ? w.startDate() : first;
        }
        for (LocalDate d : added.keySet()) {
            first = first == null || d.isBefore(first) ? d : first;
        }
        return first;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, WeeklyService> weekly = new HashMap<>();
        private final Map<LocalDate, Set<String>> added = new HashMap<>();
        private final Map<LocalDate, Set<String>> removed = new HashMap<>();

        public Builder weekly(String serviceId, LocalDate start, LocalDate end, DayOfWeek... days) {
            boolean[] w = new boolean[7];
            for (DayOfWeek d : days) {
                w[d.getValue() - 1] = true;
            }
            return weekly(serviceId, new WeeklyService(start, end, w));
        }

        public Builder weekly(String serviceId, WeeklyService service) {
            weekly.put(serviceId, service);
            return this;
        }

        /** calendar_dates.txt: exception_type 1 adds the date, 2 removes it. */
        public Builder exception(String serviceId, LocalDate date, boolean addsService) {
            (addsService ? added : removed).computeIfAbsent(date, d -> new HashSet<>()).add(serviceId);
            return this;
        }

        public ServiceCalendar build() {
            Map<LocalDate, Set<String>> a = new HashMap<>();
            added.forEach((k, v) -> a.put(k, Set.copyOf(v)));
            Map<LocalDate, Set<String>> r = new HashMap<>();
            removed.forEach((k, v) -> r.put(k, Set.copyOf(v)));
            return new ServiceCalendar(weekly, a, r);
        }
    }
}
