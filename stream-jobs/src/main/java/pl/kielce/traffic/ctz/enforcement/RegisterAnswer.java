package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.ctz.policy.VehicleFacts;

/**
 * What the registers said about one plate.
 *
 * @param status     FOUND (facts present), UNKNOWN (the register does not know the plate) or UNAVAILABLE
 *                   (no answer: error or timeout after retries — the decision becomes REVIEW, never VIOLATION)
 * @param facts      the vehicle register's facts, null unless FOUND
 * @param exemptions the plate's entries in the exemption registers, null when none (or not consulted)
 * @param detail     why UNAVAILABLE (no plate in it), else null
 */
public record RegisterAnswer(Status status, VehicleFacts facts, PlateExemptions exemptions, String detail) {

    public enum Status { FOUND, UNKNOWN, UNAVAILABLE }

    public static RegisterAnswer found(VehicleFacts facts, PlateExemptions exemptions) {
        return new RegisterAnswer(Status.FOUND, facts, exemptions, null);
    }

    public static RegisterAnswer unknown(PlateExemptions exemptions) {
        return new RegisterAnswer(Status.UNKNOWN, null, exemptions, null);
    }

    public static RegisterAnswer unavailable(String detail) {
        return new RegisterAnswer(Status.UNAVAILABLE, null, null, detail);
    }

    public boolean available() {
        return status != Status.UNAVAILABLE;
    }
}
