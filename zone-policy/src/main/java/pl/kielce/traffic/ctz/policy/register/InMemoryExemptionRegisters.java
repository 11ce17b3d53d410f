package pl.kielce.traffic.ctz.policy.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import pl.kielce.traffic.ctz.policy.DisabledCardRegister;
import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.OccasionalEntryRegister;
import pl.kielce.traffic.ctz.policy.PaidEntryRegister;
import pl.kielce.traffic.ctz.policy.PermitRegister;
import pl.kielce.traffic.ctz.policy.ResidentRegister;

/**
 * Every exemption register in memory, for tests, the CLI and replays. Thread-safe. Plates are
 * normalised on the way in; lookups expect normalised plates (as the engine passes them).
 */
public final class InMemoryExemptionRegisters implements DisabledCardRegister, ResidentRegister, PermitRegister,
        PaidEntryRegister, OccasionalEntryRegister {

    /** A card valid from/to (inclusive days). */
    public record Card(LocalDate validFrom, LocalDate validTo) {}

    private final Map<String, List<Card>> cards = new ConcurrentHashMap<>();
    private final Map<String, Resident> residents = new ConcurrentHashMap<>();
    private final Map<String, List<Permit>> permits = new ConcurrentHashMap<>();
    private final Map<String, List<Payment>> payments = new ConcurrentHashMap<>();
    private final Map<String, Set<LocalDate>> occasional = new ConcurrentHashMap<>();

    public InMemoryExemptionRegisters card(String plate, LocalDate from, LocalDate to) {
        cards.computeIfAbsent(Plates.normalise(plate), k -> new CopyOnWriteArrayList<>()).add(new Card(from, to));
        return this;
    }

    public InMemoryExemptionRegisters resident(String plate, Resident r) {
        residents.put(Plates.normalise(plate), r);
        return this;
    }

    public InMemoryExemptionRegisters permit(Permit p) {
        permits.computeIfAbsent(Plates.normalise(p.plate()), k -> new CopyOnWriteArrayList<>()).add(p);
        return this;
    }

    public InMemoryExemptionRegisters payment(Payment p) {
        payments.computeIfAbsent(Plates.normalise(p.plate()), k -> new CopyOnWriteArrayList<>()).add(p);
        return this;
    }

    /** All five registers as the engine's {@link Exemptions} bundle. */
    public Exemptions asExemptions() { return new Exemptions(this, this, this, this, this); }

    @Override public boolean hasValidCard(String plate, LocalDate day) {
        List<Card> l = cards.get(plate);
        if (l == null) return false;
        for (Card c : l) if (!day.isBefore(c.validFrom()) && !day.isAfter(c.validTo())) return true;
        return false;
    }

    @Override public Optional<Resident> find(String plate) { return Optional.ofNullable(residents.get(plate)); }

    @Override public boolean hasPermit(String plate, Instant at, String zoneId, Set<String> kinds) {
        List<Permit> l = permits.get(plate);
        if (l == null) return false;
        for (Permit p : l) if ((kinds.isEmpty() || kinds.contains(p.kind())) && p.covers(at, zoneId)) return true;
        return false;
    }

    @Override public boolean hasPaidEntry(String plate, Instant at, String zoneId, Set<String> products) {
        List<Payment> l = payments.get(plate);
        if (l == null) return false;
        for (Payment p : l) if ((products.isEmpty() || products.contains(p.product())) && p.covers(at, zoneId)) return true;
        return false;
    }

    @Override public int daysUsed(String plate, int year) {
        Set<LocalDate> s = occasional.get(plate);
        if (s == null) return 0;
        int n = 0;
        for (LocalDate d : s) if (d.getYear() == year) n++;
        return n;
    }

    @Override public boolean usedOn(String plate, LocalDate day) {
        Set<LocalDate> s = occasional.get(plate);
        return s != null && s.contains(day);
    }

    @Override public void record(String plate, LocalDate day) {
        occasional.computeIfAbsent(Plates.normalise(plate), k -> ConcurrentHashMap.newKeySet()).add(day);
    }
}
