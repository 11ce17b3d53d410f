package pl.kielce.traffic.signals.sumo;

/**
 * How the importer turns a SUMO network + program into the intersection model.
 *
 * @param baseSaturationFlowVehPerHourPerLane  through lane, protected green
 * @param leftTurnFactor                       saturation-flow factor of a lane that turns left
 * @param rightTurnFactor                      … that turns right
 * @param uTurnFactor                          … that makes a U-turn
 * @param vehicleMinGreenSeconds               minimum green of a stage that starts a green
 * @param continuationMinGreenSeconds          minimum of a stage that only continues greens
 * @param useProgramBounds                     take the program's minDur/maxDur as stage bounds when present
 * @param minCycleSeconds                      lower cycle bound
 * @param maxCycleSeconds                      upper cycle bound
 * @param pedestrianWalkSeconds                walk time of a crossing before clearance
 * @param pedestrianSpeedMetersPerSecond       clearance speed
 */
public record ImportSettings(double baseSaturationFlowVehPerHourPerLane, double leftTurnFactor, double rightTurnFactor,
                             double uTurnFactor, double vehicleMinGreenSeconds, double continuationMinGreenSeconds,
                             boolean useProgramBounds, double minCycleSeconds, double maxCycleSeconds,
                             double pedestrianWalkSeconds, double pedestrianSpeedMetersPerSecond) {
    public ImportSettings {
        if (!(baseSaturationFlowVehPerHourPerLane > 0)) throw new IllegalArgumentException("saturation flow must be > 0");
        if (vehicleMinGreenSeconds < 1 || continuationMinGreenSeconds < 1) {
            throw new IllegalArgumentException("minimum greens must be ≥ 1 s (SUMO phases need a duration)");
        }
        if (!(minCycleSeconds > 0) || maxCycleSeconds < minCycleSeconds) throw new IllegalArgumentException("cycle bounds");
    }

    public static ImportSettings defaults() {
        return new ImportSettings(1800, 0.9, 0.85, 0.6, 5, 1, false, 30, 120, 5, 1.2);
    }

    public ImportSettings withMaxCycleSeconds(double max) {
        return new ImportSettings(baseSaturationFlowVehPerHourPerLane, leftTurnFactor, rightTurnFactor, uTurnFactor,
                vehicleMinGreenSeconds, continuationMinGreenSeconds, useProgramBounds, minCycleSeconds, max,
                pedestrianWalkSeconds, pedestrianSpeedMetersPerSecond);
    }

    public ImportSettings withUseProgramBounds(boolean use) {
        return new ImportSettings(baseSaturationFlowVehPerHourPerLane, leftTurnFactor, rightTurnFactor, uTurnFactor,
                vehicleMinGreenSeconds, continuationMinGreenSeconds, use, minCycleSeconds, maxCycleSeconds,
                pedestrianWalkSeconds, pedestrianSpeedMetersPerSecond);
    }

    public ImportSettings withBaseSaturationFlow(double s) {
        return new ImportSettings(s, leftTurnFactor, rightTurnFactor, uTurnFactor,
                vehicleMinGreenSeconds, continuationMinGreenSeconds, useProgramBounds, minCycleSeconds, maxCycleSeconds,
                pedestrianWalkSeconds, pedestrianSpeedMetersPerSecond);
    }
}
