package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Optional;

/** Port: residents' vehicles (local tax payers, owners since a date, owner's date of birth). */
public interface ResidentRegister {

    Optional<Resident> find(String plate);

    /**
     * @param taxPayingResident the owner is registered as a resident paying local income tax here
     * @param ownedSince        since when the owner has owned the vehicle ({@code null} unknown)
     * @param ownerBirthDate    owner's date of birth, for age-based exemptions ({@code null} unknown)
     */
    record Resident(boolean taxPayingResident, LocalDate ownedSince, LocalDate ownerBirthDate) implements Serializable {}
}
