package pl.kielce.traffic.signals.timing;

/**
 * Average control delay of one movement at a fixed-time signal: HCM 2000 eq. 16-9..16-12
 * (Webster's uniform delay + Akçelik's time-dependent overflow delay). Unlike Webster's formula it
 * stays finite when the degree of saturation x ≥ 1, so oversaturated movements are handled
 * explicitly: their delay grows with the queue built up over the analysis period T.
 */
public final class DelayModel {
    /** Incremental-delay factor for pretimed control (HCM k). */
    static final double K_PRETIMED = 0.5;
    /** Upstream filtering factor for an isolated intersection (HCM I). */
    static final double I_ISOLATED = 1.0;

    private DelayModel() {}

    /**
     * @param cycleSeconds          C
     * @param effectiveGreenSeconds g
     * @param flowVehPerHour        q
     * @param saturationVehPerHour  s
     * @param analysisPeriodHours   T
     * @return control delay d = d1 + d2 in seconds per vehicle
     */
    public static double delaySecondsPerVehicle(double cycleSeconds, double effectiveGreenSeconds, double flowVehPerHour,
                                                double saturationVehPerHour, double analysisPeriodHours) {
        double g = Math.max(effectiveGreenSeconds, 0.5); // a movement never has no capacity in the model
        double u = Math.min(1.0, g / cycleSeconds);
        double capacity = saturationVehPerHour * u;
        double x = flowVehPerHour / capacity;
        double d1 = 0.5 * cycleSeconds * (1 - u) * (1 - u) / (1 - Math.min(1.0, x) * u);
        double t = analysisPeriodHours;
        double d2 = 900 * t * ((x - 1) + Math.sqrt((x - 1) * (x - 1) + 8 * K_PRETIMED * I_ISOLATED * x / (capacity * t)));
        return d1 + d2;
    }

    /** Degree of saturation x = q / (s g / C). */
    public static double degreeOfSaturation(double cycleSeconds, double effectiveGreenSeconds, double flowVehPerHour,
                                            double saturationVehPerHour) {
        double g = Math.max(effectiveGreenSeconds, 0.5);
        return flowVehPerHour / (saturationVehPerHour * Math.min(1.0, g / cycleSeconds));
    }
}
