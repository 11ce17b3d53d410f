package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link EnforceFunction} keeps about one plate beyond its open passages ({@link OpenPassages}), as one
 * keyed-state value with at most one timer: the plate's cases of the day and the occasional-entry days it used. Only
 * plates with a case or an occasional day have one — a compliant vehicle never does. Immutable: every change gives a
 * new value, so the heap state backend's copy-on-write snapshots never see a half-made change.
 *
 * @param cases          the plate's cases of the day (VIOLATION or REVIEW), one per zone and local day, until the
 *                       day's end + allowed lateness
 * @param occasionalDays occasional-entry days this job consumed (ISO dates) with the event time until which they are
 *                       kept: the day's end + allowed lateness + the register cache's time to live; by then the
 *                       register (written at a checkpoint by the occasional-entry sink that day) has them and the
 *                       cached answers show them
 * @param timerAtMillis  the event-time timer registered for this plate, {@link Long#MIN_VALUE} when none
 */
@TypeInfo(CompactTypes.PlateStateFactory.class)
public record PlateState(List<DayCase> cases, List<UsedDay> occasionalDays, long timerAtMillis) {

    /** The one case of a vehicle in a zone on a local day ({@code dayKey} = zone|day). */
    public record DayCase(String dayKey, String caseId, long expiresAtMillis) {
    }

    /** An occasional-entry day used. */
    public record UsedDay(String isoDay, long expiresAtMillis) {
    }

    static final PlateState EMPTY = new PlateState(List.of(), List.of(), Long.MIN_VALUE);

    public PlateState {
        cases = List.copyOf(cases);
        occasionalDays = List.copyOf(occasionalDays);
    }

    DayCase dayCase(String dayKey) {
        for (DayCase c : cases) if (c.dayKey().equals(dayKey)) return c;
        return null;
    }

    PlateState withCase(DayCase c) {
        List<DayCase> next = new ArrayList<>(cases);
        next.add(c);
        return new PlateState(next, occasionalDays, timerAtMillis);
    }

    PlateState withOccasionalDay(UsedDay d) {
        List<UsedDay> next = new ArrayList<>(occasionalDays);
        next.add(d);
        return new PlateState(cases, next, timerAtMillis);
    }

    PlateState withTimer(long atMillis) {
        return new PlateState(cases, occasionalDays, atMillis);
    }

    /** Without the entries that expire at or before {@code nowMillis}, and without a timer. */
    PlateState expiredAt(long nowMillis) {
        List<DayCase> c = new ArrayList<>(cases.size());
        for (DayCase x : cases) if (x.expiresAtMillis() > nowMillis) c.add(x);
        List<UsedDay> d = new ArrayList<>(occasionalDays.size());
        for (UsedDay x : occasionalDays) if (x.expiresAtMillis() > nowMillis) d.add(x);
        return new PlateState(c, d, Long.MIN_VALUE);
    }

    boolean isEmpty() {
        return cases.isEmpty() && occasionalDays.isEmpty();
    }

    /** The earliest expiry of any entry ({@link Long#MAX_VALUE} when empty). */
    long nextExpiryMillis() {
        long next = Long.MAX_VALUE;
        for (DayCase c : cases) next = Math.min(next, c.expiresAtMillis());
        for (UsedDay d : occasionalDays) next = Math.min(next, d.expiresAtMillis());
        return next;
    }

    @Override
    public String toString() { // no plate here (the key), but no case ids in logs either
        return "PlateState[" + cases.size() + " cases, " + occasionalDays.size() + " occasional days, timer " + timerAtMillis + "]";
    }
}
