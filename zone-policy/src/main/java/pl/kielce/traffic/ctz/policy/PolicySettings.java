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

    public boolean isForeign(String plateCountry) {
        return plateCountry != null && !domesticPlateCountries.contains(plateCountry.length() == 2 && Character.isUpperCase(plateCountry.charAt(0)) && Character.isUpperCase(plateCountry.charAt(1))
                ? plateCountry : plateCountry.toUpperCase(Locale.ROOT));
    }
}
