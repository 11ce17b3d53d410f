package pl.kielce.traffic.flows.simulation;

/**
 * Share of the peak-hour demand at a local time of day, 0..1: a weekday profile of an urban arterial — night ≈ 0.10,
 * morning peak at 07:45, a midday plateau ≈ 0.65, the evening peak at 16:15 (the busiest), falling off after 19:00.
 * Sum of three bell curves over a base, capped at 1:
 * {@code 0.10 + 0.85·G(h; 7.75, 0.9) + 0.55·G(h; 12.5, 2.5) + 0.95·G(h; 16.25, 1.3)}, {@code G(h; μ, σ) = exp(−(h−μ)²/2σ²)}.
 * Illustrative values (shape of typical Polish city counts), not Kielce measurements.
 */
public final class DemandProfile {
    private DemandProfile() {
    }

    /** @param hourOfDay local time in hours, 0 ≤ h &lt; 24 (e.g. 16.5 = 16:30) */
    public static double shareOfPeak(double hourOfDay) {
        if (!(hourOfDay >= 0 && hourOfDay < 24)) {
            throw new IllegalArgumentException("hourOfDay must be in [0, 24), was " + hourOfDay);
        }
        double v = 0.10 + 0.85 * bell(hourOfDay, 7.75, 0.9) + 0.55 * bell(hourOfDay, 12.5, 2.5)
                + 0.95 * bell(hourOfDay, 16.25, 1.3);
        return Math.min(1.0, v);
    }

    private static double bell(double h, double mu, double sigma) {
        double d = h - mu;
        return Math.exp(-d * d / (2 * sigma * sigma));
    }
}
