package pl.kielce.traffic.ctz.policy.register;

/** Plate normalisation shared by every register: upper case, letters and digits only. */
public final class Plates {
    private Plates() {}

    /** {@code "tk 12345"} → {@code "TK12345"}; null stays null. */
    public static String normalise(String plate) {
        return pl.kielce.traffic.ctz.policy.PassageFacts.normalisePlate(plate);
    }
}
