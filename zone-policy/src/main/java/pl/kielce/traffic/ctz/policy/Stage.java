package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One stage of a policy: valid from a date (to a date, inclusive, or until the next stage), applied in
 * one or more zones, with its own table of requirements and optionally its own schedule.
 */
public final class Stage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String name;
    private final LocalDate validFrom;
    private final LocalDate validTo; // inclusive; null = until the next stage or open
    private final List<String> zoneIds;
    private final List<Requirement> requirements;
    private final Requirement[] requirementArray;
    private final Schedule schedule;

    public Stage(String id, String name, LocalDate validFrom, LocalDate validTo, List<String> zoneIds,
                 List<Requirement> requirements, Schedule schedule) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = name == null ? id : name;
        this.validFrom = Objects.requireNonNull(validFrom, "validFrom");
        if (validTo != null && validTo.isBefore(validFrom)) throw new IllegalArgumentException("stage " + id + ": validTo before validFrom");
        this.validTo = validTo;
        if (zoneIds.isEmpty()) throw new IllegalArgumentException("stage " + id + ": no zone");
        this.zoneIds = List.copyOf(zoneIds);
        this.requirements = List.copyOf(requirements);
        this.requirementArray = this.requirements.toArray(new Requirement[0]);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    Requirement[] requirementArray() { return requirementArray; }

    public String id() { return id; }
    public String name() { return name; }
    public LocalDate validFrom() { return validFrom; }
    /** Inclusive last day, or {@code null} when the stage runs until the next one (or forever). */
    public LocalDate validTo() { return validTo; }
    public List<String> zoneIds() { return zoneIds; }
    public List<Requirement> requirements() { return requirements; }
    public Schedule schedule() { return schedule; }

    @Override public String toString() { return id + " (" + name + ", from " + validFrom + ")"; }
}
