package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;

/**
 * The exemption registers a decision may consult. Any may be {@code null}: a rule that needs a missing
 * register cannot be verified, so a vehicle it might cover goes to REVIEW, never to VIOLATION.
 */
public record Exemptions(DisabledCardRegister disabledCards, ResidentRegister residents, PermitRegister permits,
                         PaidEntryRegister paidEntries, OccasionalEntryRegister occasionalEntries) {

    private static final Exemptions NONE = new Exemptions(null, null, null, null, null);

    /** No registers at all (what-if replays of anonymous passages; vehicle-only exemptions still apply). */
    public static Exemptions none() { return NONE; }
}
