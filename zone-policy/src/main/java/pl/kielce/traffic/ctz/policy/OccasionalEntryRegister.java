package pl.kielce.traffic.ctz.policy;

import java.time.LocalDate;

/**
 * Port: occasional entries (a number of days a year a non-compliant vehicle may enter). The engine only
 * reads; when a decision {@link Decision#consumesOccasionalEntry() consumes} an entry, the caller records it.
 */
public interface OccasionalEntryRegister {

    /** Distinct days of {@code year} already used by the plate. */
    int daysUsed(String plate, int year);

    /** Whether the plate already used an occasional entry on {@code day} (further passages that day are covered). */
    boolean usedOn(String plate, LocalDate day);

    /** Records that the plate used {@code day}. Idempotent. */
    void record(String plate, LocalDate day);
}
