package pl.kielce.traffic.ctz.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Named test moments and vehicle factories. */
final class Fixtures {
    static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    private Fixtures() {}

    /** Local Warsaw time → instant, e.g. {@code at("2027-08-02T10:15")}. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WARSAW).toInstant();
    }

    static VehicleFacts car(Fuel fuel, String euro, int year) {
        return VehicleFacts.builder().category(VehicleCategory.M1).fuel(fuel)
                .euroNorm(euro == null || euro.isEmpty() ? null : EuroNorm.parse(euro).orElseThrow())
                .productionYear(year).firstRegistration(year == 0 ? null : LocalDate.of(year, 3, 1)).grossMassKg(1600).build();
    }

    static VehicleFacts vehicle(String category, String fuel, String euro, int year, String firstRegistration, int massKg) {
        return VehicleFacts.builder().category(VehicleCategory.parse(category).orElseThrow()).fuel(Fuel.parse(fuel).orElseThrow())
                .euroNorm(euro == null || euro.isEmpty() ? null : EuroNorm.parse(euro).orElseThrow())
                .productionYear(year)
                .firstRegistration(firstRegistration == null || firstRegistration.isEmpty() ? null : LocalDate.parse(firstRegistration))
                .grossMassKg(massKg).build();
    }
}
