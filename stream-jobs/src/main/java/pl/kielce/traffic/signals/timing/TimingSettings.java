package pl.kielce.traffic.signals.timing;

/**
 * Parameters of the timing optimiser. Defaults follow HCM 2000 / Akçelik practice.
 *
 * @param lostTimePerGreenSeconds   start-up + clearance lost time of each green run (effective green =
 *                                  displayed green + yellow − this)
 * @param permittedGreenFactor      share of a permitted (yielding) green that counts as effective green
 * @param analysisPeriodHours       T of the overflow-delay term (flow period of the design counts)
 * @param cycleStepSeconds          resolution of the cycle search
 * @param greenStepSeconds          resolution of the split allocation
 * @param minimumFlowVehPerHour     floor on demand (an unmeasured movement is not starved)
 * @param method                    {@link Method#MIN_DELAY} (this project) or {@link Method#WEBSTER} (baseline)
 */
public record TimingSettings(double lostTimePerGreenSeconds, double permittedGreenFactor, double analysisPeriodHours,
                             double cycleStepSeconds, double greenStepSeconds, double minimumFlowVehPerHour,
                             Method method) {
    public enum Method { MIN_DELAY, WEBSTER }

    public TimingSettings {
        if (lostTimePerGreenSeconds < 0) throw new IllegalArgumentException("lostTimePerGreenSeconds must be ≥ 0");
        if (permittedGreenFactor < 0 || permittedGreenFactor > 1) throw new IllegalArgumentException("permittedGreenFactor must be in [0,1]");
        if (!(analysisPeriodHours > 0)) throw new IllegalArgumentException("analysisPeriodHours must be > 0");
        if (!(cycleStepSeconds > 0) || !(greenStepSeconds > 0)) throw new IllegalArgumentException("steps must be > 0");
        if (minimumFlowVehPerHour < 0) throw new IllegalArgumentException("minimumFlowVehPerHour must be ≥ 0");
        if (method == null) throw new IllegalArgumentException("method is required");
    }

    public static TimingSettings defaults() {
        return new TimingSettings(3.0, 0.7, 0.25, 1.0, 1.0, 10.0, Method.MIN_DELAY);
    }

    public TimingSettings withMethod(Method m) {
        return new TimingSettings(lostTimePerGreenSeconds, permittedGreenFactor, analysisPeriodHours, cycleStepSeconds,
                greenStepSeconds, minimumFlowVehPerHour, m);
    }

    public TimingSettings withAnalysisPeriodHours(double hours) {
        return new TimingSettings(lostTimePerGreenSeconds, permittedGreenFactor, hours, cycleStepSeconds,
                greenStepSeconds, minimumFlowVehPerHour, method);
    }
}
