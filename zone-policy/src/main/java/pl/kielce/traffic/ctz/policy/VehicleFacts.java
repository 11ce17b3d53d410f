package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * What the vehicle register says about one vehicle. No plate: the facts are enough for a decision
 * and for what-if replays, and they can be kept without personal data.
 *
 * @param category        EU category, {@code null} when the register does not say
 * @param fuel            fuel or drive, {@code null} when unknown
 * @param euroNorm        Euro norm, {@code null} when unknown (common for older vehicles)
 * @param productionYear  year of production, {@code 0} when unknown
 * @param firstRegistration date of first registration anywhere, {@code null} when unknown
 * @param grossMassKg     permissible gross mass in kg, {@code 0} when unknown
 * @param historic        registered as a historic vehicle (yellow plate)
 * @param specialService  the service the vehicle is registered to (police, ambulance…), {@code null} for none
 */
public record VehicleFacts(VehicleCategory category, Fuel fuel, EuroNorm euroNorm, int productionYear,
                           LocalDate firstRegistration, int grossMassKg, boolean historic,
                           ServiceKind specialService) implements Serializable {

    public VehicleFacts {
        if (productionYear != 0 && (productionYear < 1885 || productionYear > 2200)) {
            throw new IllegalArgumentException("productionYear " + productionYear + " is not a plausible year (use 0 for unknown)");
        }
        if (grossMassKg < 0 || grossMassKg > 200_000) {
            throw new IllegalArgumentException("grossMassKg " + grossMassKg + " must be between 0 (unknown) and 200000");
        }
    }

    public static Builder builder() { return new Builder(); }

    /** Convenience for tests and tools: category, fuel, norm and production year. */
    public static VehicleFacts of(VehicleCategory category, Fuel fuel, EuroNorm euroNorm, int productionYear) {
        return new VehicleFacts(category, fuel, euroNorm, productionYear, null, 0, false, null);
    }

    /** The year a year-based requirement compares, per {@link YearBasis}; 0 when unknown. */
    public int yearFor(YearBasis basis) {
        int reg = firstRegistration == null ? 0 : firstRegistration.getYear();
        switch (basis) {
            case PRODUCTION: return productionYear;
            case FIRST_REGISTRATION: return reg;
            default: return productionYear != 0 ? productionYear : reg;
        }
    }

    public Builder toBuilder() {
        return new Builder().category(category).fuel(fuel).euroNorm(euroNorm).productionYear(productionYear)
                .firstRegistration(firstRegistration).grossMassKg(grossMassKg).historic(historic).specialService(specialService);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private VehicleCategory category;
        private Fuel fuel;
        private EuroNorm euroNorm;
        private int productionYear;
        private LocalDate firstRegistration;
        private int grossMassKg;
        private boolean historic;
        private ServiceKind specialService;

        public Builder category(VehicleCategory v) { category = v; return this; }
        public Builder fuel(Fuel v) { fuel = v; return this; }
        public Builder euroNorm(EuroNorm v) { euroNorm = v; return this; }
        public Builder productionYear(int v) { productionYear = v; return this; }
        public Builder firstRegistration(LocalDate v) { firstRegistration = v; return this; }
        public Builder grossMassKg(int v) { grossMassKg = v; return this; }
        public Builder historic(boolean v) { historic = v; return this; }
        public Builder specialService(ServiceKind v) { specialService = v; return this; }

        public VehicleFacts build() {
            return new VehicleFacts(category, fuel, euroNorm, productionYear, firstRegistration, grossMassKg, historic, specialService);
        }
    }
}
