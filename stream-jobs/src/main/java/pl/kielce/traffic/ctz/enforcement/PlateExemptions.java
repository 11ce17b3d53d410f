package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.PaidEntryRegister.Payment;
import pl.kielce.traffic.ctz.policy.PermitRegister.Permit;
import pl.kielce.traffic.ctz.policy.ResidentRegister.Resident;
import pl.kielce.traffic.ctz.policy.register.InMemoryExemptionRegisters;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One plate's entries in the exemption registers, fetched together with the vehicle facts so the decision
 * needs no I/O. {@link #toExemptions} gives the engine a complete (consulted) set of registers for that plate.
 */
public final class PlateExemptions implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final PlateExemptions NONE = new PlateExemptions();

    private final List<LocalDate[]> cards = new ArrayList<>();
    private Resident resident;
    private final List<Permit> permits = new ArrayList<>();
    private final List<Payment> payments = new ArrayList<>();
    private final List<LocalDate> occasionalDays = new ArrayList<>();

    public PlateExemptions card(LocalDate from, LocalDate to) { cards.add(new LocalDate[] {from, to}); return this; }
    public PlateExemptions resident(Resident r) { resident = r; return this; }
    public PlateExemptions permit(Permit p) { permits.add(p); return this; }
    public PlateExemptions payment(Payment p) { payments.add(p); return this; }
    public PlateExemptions occasionalDay(LocalDate d) { occasionalDays.add(d); return this; }

    public boolean isEmpty() {
        return cards.isEmpty() && resident == null && permits.isEmpty() && payments.isEmpty() && occasionalDays.isEmpty();
    }

    /** Every register, holding only this plate's entries (a plate with no entries gets empty registers). */
    public Exemptions toExemptions(String plate) {
        return toExemptions(plate, List.of());
    }

    /** As {@link #toExemptions(String)}, with further occasional-entry days already used (kept by the job). */
    public Exemptions toExemptions(String plate, Iterable<LocalDate> moreOccasionalDays) {
        InMemoryExemptionRegisters r = new InMemoryExemptionRegisters();
        for (LocalDate d : moreOccasionalDays) r.record(plate, d);
        for (LocalDate[] c : cards) r.card(plate, c[0], c[1]);
        if (resident != null) r.resident(plate, resident);
        permits.forEach(r::permit);
        payments.forEach(r::payment);
        for (LocalDate d : occasionalDays) r.record(plate, d);
        return r.asExemptions();
    }
}
