package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * Operational settings of a policy pack.
 *
 * @param reviewConfidenceBelow   reads with a confidence below this go to REVIEW instead of VIOLATION (default 0.90)
 * @param domesticPlateCountries  plate countries the vehicle register covers (default PL); others are foreign
 */
public record PolicySettings(double reviewConfidenceBelow, Set<String> domesticPlateCountries) implements Serializable {
    public static final PolicySettings DEFAULTS = new PolicySettings(0.90, Set.of("PL"));

    public PolicySettings {
        if (!(reviewConfidenceBelow >= 0 && reviewConfidenceBelow <= 1)) {
            throw new IllegalArgumentException("reviewConfidenceBelow must be within 0…1");
        }
        domesticPlateCountries = Set.copyOf(domesticPlateCountries.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList());
    }

    /** A plate country outside the register's coverage; {@code null} (not recorded) counts as domestic. */
    public boolean isForeign(String plateCountry) {
        // toUpperCase returns the same instance when already upper case: no allocation on the hot path
        return plateCountry != null && !domesticPlateCountries.contains(plateCountry.toUpperCase(Locale.ROOT));
    }
}
