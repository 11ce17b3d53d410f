package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@link EnforceFunction} keeps about one plate, as one keyed-state value (one state entry and at most one
 * timer per plate, written in one piece at every checkpoint). Immutable: every change gives a new value, so the heap
 * state backend's copy-on-write snapshots never see a half-made change.
 *
 * @param passages       the plate's open passages, one per zone key, until {@code firstSeen + passageWindow}
 * @param cases          the plate's cases of the day (VIOLATION or REVIEW), one per zone and local day, until the
 *                       day's end + allowed lateness
 * @param occasionalDays occasional-entry days this job consumed (ISO dates) with the event time until which they are
 *                       kept: the day's end + allowed lateness + the register cache's time to live; by then the
 *                       register (written at a checkpoint by the occasional-entry sink that day) has them and the
 *                       cached answers show them
 * @param timerAtMillis  the event-time timer registered for this plate, {@link Long#MIN_VALUE} when none
 */
@TypeInfo(CompactTypes.PlateStateFactory.class)
public record PlateState(List<Passage> passages, List<DayCase> cases, List<UsedDay> occasionalDays, long timerAtMillis) {

    /**
     * An open passage: reads of the plate in {@code zoneKey} within the window of {@code firstSeenMillis} belong to it;
     * {@code caseId} is the case its reads are attached to (null for ALLOWED and EXEMPT passages), {@code evidenceReads}
     * how many of its reads are attached to that case so far.
     */
    public record Passage(String zoneKey, long firstSeenMillis, long expiresAtMillis, String caseId, int evidenceReads) {
        Passage withOneMoreEvidenceRead() {
            return new Passage(zoneKey, firstSeenMillis, expiresAtMillis, caseId, evidenceReads + 1);
        }
    }

    /** The one case of a vehicle in a zone on a local day ({@code dayKey} = zone|day). */
    public record DayCase(String dayKey, String caseId, long expiresAtMillis) {
    }

    /** An occasional-entry day used. */
    public record UsedDay(String isoDay, long expiresAtMillis) {
    }

    static final PlateState EMPTY = new PlateState(List.of(), List.of(), List.of(), Long.MIN_VALUE);

    public PlateState {
        passages = List.copyOf(passages);
        cases = List.copyOf(cases);
        occasionalDays = List.copyOf(occasionalDays);
    }

    Passage passage(String zoneKey) {
        for (Passage p : passages) if (p.zoneKey().equals(zoneKey)) return p;
        return null;
    }

    DayCase dayCase(String dayKey) {
        for (DayCase c : cases) if (c.dayKey().equals(dayKey)) return c;
        return null;
    }

    /** With {@code p} as the zone's open passage (replacing an expired one of the same zone). */
    PlateState withPassage(Passage p) {
        List<Passage> next = new ArrayList<>(passages.size() + 1);
        for (Passage q : passages) if (!q.zoneKey().equals(p.zoneKey())) next.add(q);
        next.add(p);
        return new PlateState(next, cases, occasionalDays, timerAtMillis);
    }

    PlateState withCase(DayCase c) {
        List<DayCase> next = new ArrayList<>(cases);
        next.add(c);
        return new PlateState(passages, next, occasionalDays, timerAtMillis);
    }

    PlateState withOccasionalDay(UsedDay d) {
        List<UsedDay> next = new ArrayList<>(occasionalDays);
        next.add(d);
        return new PlateState(passages, cases, next, timerAtMillis);
    }

    PlateState withTimer(long atMillis) {
        return new PlateState(passages, cases, occasionalDays, atMillis);
    }

    /** Without the entries that expire at or before {@code nowMillis}, and without a timer. */
    PlateState expiredAt(long nowMillis) {
        return new PlateState(passages.stream().filter(p -> p.expiresAtMillis() > nowMillis).toList(),
                cases.stream().filter(c -> c.expiresAtMillis() > nowMillis).toList(),
                occasionalDays.stream().filter(d -> d.expiresAtMillis() > nowMillis).toList(), Long.MIN_VALUE);
    }

    boolean isEmpty() {
        return passages.isEmpty() && cases.isEmpty() && occasionalDays.isEmpty();
    }

    /** The earliest expiry of any entry ({@link Long#MAX_VALUE} when empty). */
    long nextExpiryMillis() {
        long next = Long.MAX_VALUE;
        for (Passage p : passages) next = Math.min(next, p.expiresAtMillis());
        for (DayCase c : cases) next = Math.min(next, c.expiresAtMillis());
        for (UsedDay d : occasionalDays) next = Math.min(next, d.expiresAtMillis());
        return next;
    }

    @Override
    public String toString() { // no plate here (the key), but no case ids in logs either
        return "PlateState[" + passages.size() + " passages, " + cases.size() + " cases, " + occasionalDays.size()
                + " occasional days, timer " + timerAtMillis + "]";
    }
}
