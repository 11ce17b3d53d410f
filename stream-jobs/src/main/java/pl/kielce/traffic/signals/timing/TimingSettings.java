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
 * @param saturatedDegree           a movement whose measured flow reaches this degree of saturation under the
 *                                  plan running now is taken as saturated: its count measures capacity, not
 *                                  demand (the queue hides the rest), so no new plan gives it a smaller share of
 *                                  the cycle (g/C) than the running plan, and its saturation flow is raised to at
 *                                  least the flow it was measured to discharge. 0 = off (trust counts as demand)
 * @param maxShareCut               largest relative cut of the share of the cycle (g/C) of a movement that no
 *                                  detector covers (its flow is an estimate, e.g. an edge count shared among
 *                                  lanes) against the running plan (0.5 = keeps ≥ 50% of its g/C). 1 = unbounded
 */
public record TimingSettings(double lostTimePerGreenSeconds, double permittedGreenFactor, double analysisPeriodHours,
                             double cycleStepSeconds, double greenStepSeconds, double minimumFlowVehPerHour,
                             Method method, double saturatedDegree, double maxShareCut) {
    public enum Method { MIN_DELAY, WEBSTER }

    public TimingSettings {
        if (lostTimePerGreenSeconds < 0) throw new IllegalArgumentException("lostTimePerGreenSeconds must be ≥ 0");
        if (permittedGreenFactor < 0 || permittedGreenFactor > 1) throw new IllegalArgumentException("permittedGreenFactor must be in [0,1]");
        if (!(analysisPeriodHours > 0)) throw new IllegalArgumentException("analysisPeriodHours must be > 0");
        if (!(cycleStepSeconds > 0) || !(greenStepSeconds > 0)) throw new IllegalArgumentException("steps must be > 0");
        if (minimumFlowVehPerHour < 0) throw new IllegalArgumentException("minimumFlowVehPerHour must be ≥ 0");
        if (method == null) throw new IllegalArgumentException("method is required");
        if (saturatedDegree < 0) throw new IllegalArgumentException("saturatedDegree must be ≥ 0 (0 = off)");
        if (maxShareCut < 0 || maxShareCut > 1) throw new IllegalArgumentException("maxShareCut must be in [0,1] (1 = off)");
    }

    /** Without the saturated-movement rule (the settings of the first version). */
    public TimingSettings(double lostTimePerGreenSeconds, double permittedGreenFactor, double analysisPeriodHours,
                          double cycleStepSeconds, double greenStepSeconds, double minimumFlowVehPerHour, Method method) {
        this(lostTimePerGreenSeconds, permittedGreenFactor, analysisPeriodHours, cycleStepSeconds, greenStepSeconds,
                minimumFlowVehPerHour, method, 0, 1);
    }

    public static TimingSettings defaults() {
        return new TimingSettings(3.0, 0.7, 0.25, 1.0, 1.0, 10.0, Method.MIN_DELAY);
    }

    /**
     * For plans made from a city's counts (the SUMO command; meant for the job too), as measured on
     * bologna-acosta and its demand-scaled variants (docs/BENCHMARKS.md): T = 1 h (the design period
     * of the counts); saturated movements (x ≥ 0.9 under the running plan) keep their share of the
     * cycle; a permitted (yielding) green counts 0.2 of a protected one — in a peak the opposing flow
     * leaves few usable gaps, and a model that trusts permitted greens starves protected turning phases.
     */
    public static TimingSettings forMeasuredCounts() {
        return new TimingSettings(3.0, 0.2, 1.0, 1.0, 1.0, 10.0, Method.MIN_DELAY, 0.9, 1);
    }

    public TimingSettings withMethod(Method m) {
        return new TimingSettings(lostTimePerGreenSeconds, permittedGreenFactor, analysisPeriodHours, cycleStepSeconds,
                greenStepSeconds, minimumFlowVehPerHour, m, saturatedDegree, maxShareCut);
    }

    public TimingSettings withAnalysisPeriodHours(double hours) {
        return new TimingSettings(lostTimePerGreenSeconds, permittedGreenFactor, hours, cycleStepSeconds,
                greenStepSeconds, minimumFlowVehPerHour, method, saturatedDegree, maxShareCut);
    }

    public TimingSettings withPermittedGreenFactor(double f) {
        return new TimingSettings(lostTimePerGreenSeconds, f, analysisPeriodHours, cycleStepSeconds,
                greenStepSeconds, minimumFlowVehPerHour, method, saturatedDegree, maxShareCut);
    }

    public TimingSettings withMaxShareCut(double cut) {
        return new TimingSettings(lostTimePerGreenSeconds, permittedGreenFactor, analysisPeriodHours, cycleStepSeconds,
                greenStepSeconds, minimumFlowVehPerHour, method, saturatedDegree, cut);
    }

    public TimingSettings withSaturatedDegree(double x) {
        return new TimingSettings(lostTimePerGreenSeconds, permittedGreenFactor, analysisPeriodHours, cycleStepSeconds,
                greenStepSeconds, minimumFlowVehPerHour, method, x, maxShareCut);
    }
}
