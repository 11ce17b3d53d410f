package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An exemption as data: a rule {@code type} from a fixed vocabulary, configured by the policy file
 * (which services, which fuels, cut-off dates, how many entries a year…), optionally limited to some
 * stages and to a validity window of its own. Rules are tried in file order; the first that applies wins.
 */
public abstract class ExemptionRule implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Results of {@link #applies}. */
    public static final int NO = 0, YES = 1, YES_CONSUMES_OCCASIONAL_ENTRY = 2;

    private final String id;
    private final String label;
    private final String legalBasis;
    private final long fromEpochDay;
    private final long toEpochDay;
    private final Set<String> stageIds; // empty = every stage

    protected ExemptionRule(Common c) {
        this.id = Objects.requireNonNull(c.id(), "id");
        this.label = c.label() == null ? c.id() : c.label();
        this.legalBasis = c.legalBasis();
        this.fromEpochDay = c.validFrom() == null ? Long.MIN_VALUE : c.validFrom().toEpochDay();
        this.toEpochDay = c.validTo() == null ? Long.MAX_VALUE : c.validTo().toEpochDay();
        this.stageIds = Set.copyOf(c.stageIds());
    }

    /** Fields every rule has. {@code validTo} is inclusive. */
    public record Common(String id, String label, String legalBasis, LocalDate validFrom, LocalDate validTo, Set<String> stageIds) {}

    /** The rule type as written in the policy file. */
    public abstract String type();

    /** Whether the rule needs the register's vehicle facts. */
    public boolean needsVehicle() { return false; }

    /** Whether the rule looks the plate up in a register (skipped for passages without a plate or with low confidence). */
    public boolean needsPlate() { return false; }

    /**
     * Whether the rule may only cover a vehicle known to fail its requirement (not an unknown vehicle or one
     * with a missing fact): rules that use something up, like occasional entries, must not spend it on a
     * vehicle that may well be compliant.
     */
    public boolean onlyForKnownNonCompliance() { return false; }

    /** Whether the rule is in force on a local day and in a stage. */
    public final boolean inForce(long localEpochDay, Stage stage) {
        return localEpochDay >= fromEpochDay && localEpochDay <= toEpochDay && (stageIds.isEmpty() || stageIds.contains(stage.id()));
    }

    /**
     * Whether the rule covers the passage. May throw {@link RegisterUnavailable} (or any runtime exception
     * from a register), which the engine turns into REVIEW.
     */
    public abstract int applies(String plate, VehicleFacts vehicle, String zoneId, Instant at, long localEpochDay, Exemptions registers);

    /** The rule's conditions in words, for explanations. */
    public abstract String describe();

    /** The rule's conditions in Polish. */
    public abstract String describePl();

    public String id() { return id; }
    public String label() { return label; }
    public String legalBasis() { return legalBasis; }
    public Set<String> stageIds() { return stageIds; }

    @Override public String toString() { return id + " [" + type() + "]"; }

    /** A rule needed a register that the caller did not supply. */
    public static final class RegisterUnavailable extends RuntimeException {
        public RegisterUnavailable(String register) { super(register + " register not available"); }
    }

    static <T> T need(T register, String name) {
        if (register == null) throw new RegisterUnavailable(name);
        return register;
    }

    // ------------------------------------------------------------------ rule types

    /** {@code special-service}: vehicles registered to the listed services (art. 39 e-mobility act). */
    public static final class SpecialService extends ExemptionRule {
        private final Set<ServiceKind> services;

        public SpecialService(Common c, Set<ServiceKind> services) {
            super(c);
            this.services = services.isEmpty() ? EnumSet.allOf(ServiceKind.class) : EnumSet.copyOf(services);
        }

        @Override public String type() { return "special-service"; }
        @Override public boolean needsVehicle() { return true; }

        @Override public int applies(String plate, VehicleFacts v, String zoneId, Instant at, long day, Exemptions r) {
            return v.specialService() != null && services.contains(v.specialService()) ? YES : NO;
        }

        @Override public String describe() {
            return "vehicle registered to " + services.stream().map(ServiceKind::code).collect(Collectors.joining(", "));
        }

        @Override public String describePl() { return "pojazd służb (art. 39 ustawy o elektromobilności): " + services.stream().map(ServiceKind::code).collect(Collectors.joining(", ")); }
    }

    /** {@code fuel}: zero-emission and gas vehicles (electric, hydrogen, CNG, LNG by statute). */
    public static final class FuelExempt extends ExemptionRule {
        private final Set<Fuel> fuels;

        public FuelExempt(Common c, Set<Fuel> fuels) {
            super(c);
            if (fuels.isEmpty()) throw new IllegalArgumentException("fuel exemption " + c.id() + " lists no fuels");
            this.fuels = EnumSet.copyOf(fuels);
        }

        @Override public String type() { return "fuel"; }
        @Override public boolean needsVehicle() { return true; }

        @Override public int applies(String plate, VehicleFacts v, String zoneId, Instant at, long day, Exemptions r) {
            return v.fuel() != null && fuels.contains(v.fuel()) ? YES : NO;
        }

        @Override public String describe() { return "fuel " + fuels.stream().map(Fuel::code).collect(Collectors.joining(", ")); }
        @Override public String describePl() { return "napęd: " + fuels.stream().map(Fuel::labelPl).collect(Collectors.joining(", ")); }
    }

    /** {@code historic}: vehicles registered as historic. */
    public static final class Historic extends ExemptionRule {
        public Historic(Common c) { super(c); }

        @Override public String type() { return "historic"; }
        @Override public boolean needsVehicle() { return true; }

        @Override public int applies(String plate, VehicleFacts v, String zoneId, Instant at, long day, Exemptions r) {
            return v.historic() ? YES : NO;
        }

        @Override public String describe() { return "registered as a historic vehicle"; }
        @Override public String describePl() { return "pojazd zabytkowy"; }
    }

    /** {@code disabled-card}: vehicle carrying a person with a disability card (card register). */
    public static final class DisabledCard extends ExemptionRule {
        public DisabledCard(Common c) { super(c); }

        @Override public String type() { return "disabled-card"; }
        @Override public boolean needsPlate() { return true; }

        @Override public int applies(String plate, VehicleFacts v, String zoneId, Instant at, long day, Exemptions r) {
            return need(r.disabledCards(), "disabled-card").hasValidCard(plate, LocalDate.ofEpochDay(day)) ? YES : NO;
        }

        @Override public String describe() { return "a valid disability card registered for the vehicle"; }
        @Override public String describePl() { return "ważna karta parkingowa osoby z niepełnosprawnością zgłoszona dla pojazdu"; }
    }

    /**
     * {@code resident}: residents' vehicles. Options: {@code taxPayingResident} (default true),
     * {@code ownedBefore} (vehicle owned before a cut-off date), {@code ownerMinAgeYears}.
     */
    public static final class ResidentExempt extends ExemptionRule {
        private final boolean requireTaxPaying;
        private final LocalDate ownedBefore;
        private final int ownerMinAgeYears;

        public ResidentExempt(Common c, boolean requireTaxPaying, LocalDate ownedBefore, int ownerMinAgeYears) {
            super(c);
            this.requireTaxPaying = requireTaxPaying;
            this.ownedBefore = ownedBefore;
            this.ownerMinAgeYears = ownerMinAgeYears;
        }

        @Override public String type() { return "resident"; }
        @Override public boolean needsPlate() { return true; }

        @Override public int applies(String plate, VehicleFacts v, String zoneId, Instant at, long day, Exemptions r) {
            ResidentRegister.Resident res = need(r.residents(), "resident").find(plate).orElse(null);
            if (res == null) return NO;
            if (requireTaxPaying && !res.taxPayingResident()) return NO;
            if (ownedBefore != null && (res.ownedSince() == null || !res.ownedSince().isBefore(ownedBefore))) return NO;
            if (ownerMinAgeYears > 0) {
                if (res.ownerBirthDate() == null) return NO;
                if (res.ownerBirthDate().plusYears(ownerMinAgeYears).toEpochDay() > day) return NO;
            }
            return YES;
        }

        @Override public String describePl() {
            StringBuilder b = new StringBuilder(requireTaxPaying ? "mieszkaniec płacący podatek w mieście" : "właściciel pojazdu");
            if (ownerMinAgeYears > 0) b.append(", w wieku ").append(ownerMinAgeYears).append('+');
            if (ownedBefore != null) b.append(", pojazd posiadany przed ").append(ownedBefore);
            return b.toString();
        }

        @Override public String describe() {
            StringBuilder b = new StringBuilder(requireTaxPaying ? "resident paying local tax" : "registered owner");
            if (ownerMinAgeYears > 0) b.append(", aged ").append(ownerMinAgeYears).append('+');
            if (ownedBefore != null) b.append(", vehicle owned before ").append(ownedBefore);
            return b.toString();
        }
    }

    /** {@code permit}: a permit (plate + window + area), optionally of given kinds (medical, delivery…). */
    public static final class PermitExempt extends ExemptionRule {
        private final Set<String> kinds;

        public PermitExempt(Common c, Set<String> kinds) { super(c); this.kinds = Set.copyOf(kinds); }

        @Override public String type() { return "permit"; }
        @Override public boolean needsPlate() { return true; }

        @Override public int applies(String plate, VehicleFacts v, String zoneId, Instant at, long day, Exemptions r) {
            return need(r.permits(), "permit").hasPermit(plate, at, zoneId, kinds) ? YES : NO;
        }

        @Override public String describe() { return kinds.isEmpty() ? "a valid permit for the zone" : "a valid permit (" + String.join(", ", kinds) + ") for the zone"; }
        @Override public String describePl() { return kinds.isEmpty() ? "ważne zezwolenie na wjazd do strefy" : "ważne zezwolenie (" + String.join(", ", kinds) + ") na wjazd do strefy"; }
    }

    /** {@code paid-entry}: a day pass, hourly payment or other paid product covering the moment. */
    public static final class PaidEntry extends ExemptionRule {
        private final Set<String> products;

        public PaidEntry(Common c, Set<String> products) { super(c); this.products = Set.copyOf(products); }

        @Override public String type() { return "paid-entry"; }
        @Override public boolean needsPlate() { return true; }

        @Override public int applies(String plate, VehicleFacts v, String zoneId, Instant at, long day, Exemptions r) {
            return need(r.paidEntries(), "paid-entry").hasPaidEntry(plate, at, zoneId, products) ? YES : NO;
        }

        @Override public String describe() { return products.isEmpty() ? "a paid entry covering the moment" : "a paid entry (" + String.join(", ", products) + ") covering the moment"; }
        @Override public String describePl() { return products.isEmpty() ? "opłacony wjazd" : "opłacony wjazd (" + String.join(", ", products) + ")"; }
    }

    /** {@code occasional-entries}: up to N days a year; the first passage of a new day consumes one. */
    public static final class OccasionalEntries extends ExemptionRule {
        private final int daysPerYear;

        public OccasionalEntries(Common c, int daysPerYear) {
            super(c);
            if (daysPerYear <= 0) throw new IllegalArgumentException("occasional entries " + c.id() + ": daysPerYear must be positive");
            this.daysPerYear = daysPerYear;
        }

        @Override public String type() { return "occasional-entries"; }
        @Override public boolean needsPlate() { return true; }
        @Override public boolean onlyForKnownNonCompliance() { return true; }

        @Override public int applies(String plate, VehicleFacts v, String zoneId, Instant at, long day, Exemptions r) {
            OccasionalEntryRegister reg = need(r.occasionalEntries(), "occasional-entries");
            LocalDate d = LocalDate.ofEpochDay(day);
            if (reg.usedOn(plate, d)) return YES;
            return reg.daysUsed(plate, d.getYear()) < daysPerYear ? YES_CONSUMES_OCCASIONAL_ENTRY : NO;
        }

        public int daysPerYear() { return daysPerYear; }

        @Override public String describe() { return "occasional entry (up to " + daysPerYear + " days a year)"; }
        @Override public String describePl() { return "wjazd okazjonalny (do " + daysPerYear + " dni w roku)"; }
    }
}
