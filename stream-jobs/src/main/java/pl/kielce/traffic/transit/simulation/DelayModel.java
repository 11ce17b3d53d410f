package pl.kielce.traffic.transit.simulation;

/**
 * How simulated vehicles deviate from the timetable.
 *
 * @param initialDelayMeanSeconds      mean delay at the first departure (per trip, normal distribution)
 * @param initialDelaySdSeconds        its standard deviation; vehicles never leave the first stop early
 * @param segmentNoiseFraction         standard deviation of each run between stops, as a share of its scheduled time
 * @param recoveryFractionOfRunTime    a late vehicle makes up at most this share of each run
 * @param incidentProbabilityPerTrip   chance that one run of a trip meets an incident (blocked lane, breakdown, crowd)
 * @param incidentMinSeconds           shortest incident delay
 * @param incidentMaxSeconds           longest incident delay
 * @param minDwellSeconds              dwell at a stop with a scheduled dwell (timepoint); early vehicles wait there
 */
public record DelayModel(double initialDelayMeanSeconds, double initialDelaySdSeconds, double segmentNoiseFraction,
                         double recoveryFractionOfRunTime, double incidentProbabilityPerTrip, int incidentMinSeconds,
                         int incidentMaxSeconds, int minDwellSeconds) {
    /** Urban buses: about a minute late on average at departure, ±15 % per run, 5 % of trips hit a 3–10 min incident. */
    public static final DelayModel URBAN = new DelayModel(45, 90, 0.15, 0.05, 0.05, 180, 600, 20);

    /** No deviation at all (for tests): vehicles run exactly to the timetable. */
    public static final DelayModel PUNCTUAL = new DelayModel(0, 0, 0, 0, 0, 0, 0, 0);

    public DelayModel {
        if (initialDelaySdSeconds < 0 || segmentNoiseFraction < 0 || recoveryFractionOfRunTime < 0
                || recoveryFractionOfRunTime >= 1 || incidentProbabilityPerTrip < 0 || incidentProbabilityPerTrip > 1
                || incidentMinSeconds < 0 || incidentMaxSeconds < incidentMinSeconds || minDwellSeconds < 0) {
            throw new IllegalArgumentException("invalid delay model: " + this);
        }
    }

    public DelayModel withIncidentProbability(double p) {
        return new DelayModel(initialDelayMeanSeconds, initialDelaySdSeconds, segmentNoiseFraction,
                recoveryFractionOfRunTime, p, incidentMinSeconds, incidentMaxSeconds, minDwellSeconds);
    }
}
