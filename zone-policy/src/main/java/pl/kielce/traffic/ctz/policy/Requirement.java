package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One row of a stage's table: which vehicles it covers (categories × fuels, optionally a gross-mass band
 * and a first-registration date) and what they must meet — a minimum Euro norm <b>or</b> a minimum year
 * (either satisfies), or a ban. Rows are matched in file order; the first row covering the vehicle decides.
 */
public final class Requirement implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Tri-state answer of {@link #covers} and {@link #satisfiedBy}. */
    public static final int NO = 0, YES = 1, UNKNOWN = 2;

    private final String id;
    private final Set<VehicleCategory> categories;
    private final Set<Fuel> fuels;
    private final int categoryMask;
    private final int fuelMask;
    private final int grossMassOverKg;   // 0 = no lower bound
    private final int grossMassUpToKg;   // 0 = no upper bound
    private final LocalDate registeredAfter; // null = any
    private final EuroNorm minEuro;      // null = no norm criterion
    private final int minYear;           // 0 = no year criterion
    private final YearBasis yearBasis;
    private final boolean banned;
    private final String note;

    public Requirement(String id, Set<VehicleCategory> categories, Set<Fuel> fuels, int grossMassOverKg, int grossMassUpToKg,
                       LocalDate registeredAfter, EuroNorm minEuro, int minYear, YearBasis yearBasis, boolean banned, String note) {
        this.id = Objects.requireNonNull(id, "id");
        if (categories.isEmpty()) throw new IllegalArgumentException("requirement " + id + ": no categories");
        if (fuels.isEmpty()) throw new IllegalArgumentException("requirement " + id + ": no fuels");
        if (!banned && minEuro == null && minYear == 0) {
            throw new IllegalArgumentException("requirement " + id + ": needs minEuro, minYear or banned");
        }
        this.categories = Collections.unmodifiableSet(EnumSet.copyOf(categories));
        this.fuels = Collections.unmodifiableSet(EnumSet.copyOf(fuels));
        int cm = 0;
        for (VehicleCategory c : categories) cm |= 1 << c.ordinal();
        int fm = 0;
        for (Fuel f : fuels) fm |= 1 << f.ordinal();
        this.categoryMask = cm;
        this.fuelMask = fm;
        this.grossMassOverKg = grossMassOverKg;
        this.grossMassUpToKg = grossMassUpToKg;
        this.registeredAfter = registeredAfter;
        this.minEuro = minEuro;
        this.minYear = minYear;
        this.yearBasis = yearBasis == null ? YearBasis.PRODUCTION_OR_FIRST_REGISTRATION : yearBasis;
        this.banned = banned;
        this.note = note;
    }

    /** Whether this row covers the vehicle: {@link #YES}, {@link #NO} or {@link #UNKNOWN} (a needed fact is missing). */
    public int covers(VehicleFacts v) {
        VehicleCategory c = v.category();
        Fuel f = v.fuel();
        if (c != null && (categoryMask & (1 << c.ordinal())) == 0) return NO;
        if (f != null && (fuelMask & (1 << f.ordinal())) == 0) return NO;
        boolean unknown = c == null || f == null;
        if (grossMassOverKg > 0 || grossMassUpToKg > 0) {
            int m = v.grossMassKg();
            if (m == 0) unknown = true;
            else if ((grossMassOverKg > 0 && m <= grossMassOverKg) || (grossMassUpToKg > 0 && m > grossMassUpToKg)) return NO;
        }
        if (registeredAfter != null) {
            LocalDate r = v.firstRegistration();
            if (r == null) unknown = true;
            else if (!r.isAfter(registeredAfter)) return NO;
        }
        return unknown ? UNKNOWN : YES;
    }

    /** The first fact {@link #covers} needed but did not get, for the explanation. */
    public String missingCoverFact(VehicleFacts v) {
        if (v.category() == null) return "category";
        if (v.fuel() == null) return "fuel";
        if ((grossMassOverKg > 0 || grossMassUpToKg > 0) && v.grossMassKg() == 0) return "grossMassKg";
        if (registeredAfter != null && v.firstRegistration() == null) return "firstRegistration";
        return null;
    }

    /** Whether a covered vehicle meets the row: Euro norm ≥ min <b>or</b> year ≥ min. */
    public int satisfiedBy(VehicleFacts v) {
        if (banned) return NO;
        EuroNorm e = v.euroNorm();
        int year = minYear == 0 ? 0 : v.yearFor(yearBasis);
        if (minEuro != null && e != null && e.compareTo(minEuro) >= 0) return YES;
        if (minYear != 0 && year != 0 && year >= minYear) return YES;
        // a criterion that could still be met cannot be checked: not a violation, a question
        if ((minEuro != null && e == null) || (minYear != 0 && year == 0)) return UNKNOWN;
        return NO;
    }

    /** The fact {@link #satisfiedBy} lacked, for the explanation. */
    public String missingSatisfyFact(VehicleFacts v) {
        if (minEuro != null && v.euroNorm() == null) return "euroNorm";
        if (minYear != 0 && v.yearFor(yearBasis) == 0) return yearBasis == YearBasis.FIRST_REGISTRATION ? "firstRegistration" : "productionYear";
        return null;
    }

    /** The rule in words, e.g. {@code "M1, N1 · petrol, lpg: Euro 4 or year ≥ 2005"}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(categories.stream().map(Enum::name).collect(Collectors.joining(", ")));
        b.append(" · ").append(fuels.stream().map(Fuel::code).collect(Collectors.joining(", ")));
        if (grossMassOverKg > 0) b.append(" · gross mass > ").append(grossMassOverKg).append(" kg");
        if (grossMassUpToKg > 0) b.append(" · gross mass ≤ ").append(grossMassUpToKg).append(" kg");
        if (registeredAfter != null) b.append(" · first registered after ").append(registeredAfter);
        b.append(": ");
        if (banned) b.append("no entry");
        else {
            if (minEuro != null) b.append(minEuro.label()).append(" or newer");
            if (minEuro != null && minYear != 0) b.append(" or ");
            if (minYear != 0) b.append(yearBasis == YearBasis.FIRST_REGISTRATION ? "first registered" : "built")
                    .append(" ≥ ").append(minYear);
        }
        return b.toString();
    }

    /** The rule in Polish, e.g. {@code "M1, N1 · benzyna, LPG: Euro 4 lub nowsza albo rok produkcji ≥ 2005"}. */
    public String describePl() {
        StringBuilder b = new StringBuilder();
        b.append(categories.stream().map(Enum::name).collect(Collectors.joining(", ")));
        b.append(" · ").append(fuels.stream().map(Fuel::labelPl).collect(Collectors.joining(", ")));
        if (grossMassOverKg > 0) b.append(" · DMC > ").append(grossMassOverKg).append(" kg");
        if (grossMassUpToKg > 0) b.append(" · DMC ≤ ").append(grossMassUpToKg).append(" kg");
        if (registeredAfter != null) b.append(" · pierwsza rejestracja po ").append(registeredAfter);
        b.append(": ");
        if (banned) b.append("zakaz wjazdu");
        else {
            if (minEuro != null) b.append(minEuro.label()).append(" lub nowsza");
            if (minEuro != null && minYear != 0) b.append(" albo ");
            if (minYear != 0) b.append(yearBasis == YearBasis.FIRST_REGISTRATION ? "rok pierwszej rejestracji" : "rok produkcji")
                    .append(" ≥ ").append(minYear);
        }
        return b.toString();
    }

    public String id() { return id; }
    public Set<VehicleCategory> categories() { return categories; }
    public Set<Fuel> fuels() { return fuels; }
    public int grossMassOverKg() { return grossMassOverKg; }
    public int grossMassUpToKg() { return grossMassUpToKg; }
    public LocalDate registeredAfter() { return registeredAfter; }
    public EuroNorm minEuro() { return minEuro; }
    public int minYear() { return minYear; }
    public YearBasis yearBasis() { return yearBasis; }
    public boolean banned() { return banned; }
    public String note() { return note; }

    @Override public String toString() { return id + " (" + describe() + ")"; }
}
