package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;

/**
 * The exemption registers a decision may consult. Any may be {@code null}, meaning "unavailable": a rule
 * that needs it cannot be verified, so a vehicle it might cover goes to REVIEW, never to VIOLATION.
 */
public record Exemptions(DisabledCardRegister disabledCards, ResidentRegister residents, PermitRegister permits,
                         PaidEntryRegister paidEntries, OccasionalEntryRegister occasionalEntries) {

    private static final OccasionalEntryRegister NO_OCCASIONAL_ALLOWANCE = new OccasionalEntryRegister() {
        @Override public int daysUsed(String plate, int year) { return Integer.MAX_VALUE; }
        @Override public boolean usedOn(String plate, java.time.LocalDate day) { return false; }
        @Override public void record(String plate, java.time.LocalDate day) { }
    };

    private static final Exemptions NONE = new Exemptions((plate, day) -> false, plate -> java.util.Optional.empty(),
            (plate, at, zone, kinds) -> false, (plate, at, zone, products) -> false, NO_OCCASIONAL_ALLOWANCE);

    private static final Exemptions UNAVAILABLE = new Exemptions(null, null, null, null, null);

    /**
     * Registers that hold nothing: no cards, residents, permits or payments, and no occasional-entry
     * allowance left. Vehicle-based exemptions (services, fuel, historic) still apply.
     */
    public static Exemptions none() { return NONE; }

    /** No register reachable: every plate-based exemption is unverifiable (a non-compliant vehicle → REVIEW). */
    public static Exemptions unavailable() { return UNAVAILABLE; }
}
