package pl.kielce.traffic.transit.adherence;

import java.io.Serializable;

/**
 * Tunable rules of the transit adherence job, with documented defaults ({@link #DEFAULTS}).
 *
 * @param maxOffRouteMeters            a position farther than this from every segment of the trip does not match it
 * @param atStopRadiusMeters           within this distance of a stop the vehicle counts as at the stop
 * @param maxEarlySeconds              how early a vehicle may be and still match a trip
 * @param maxLateSeconds               how late a vehicle may be and still match a trip
 * @param recoveryFractionOfRunTime    share of each remaining scheduled run time a late vehicle makes up (0.05 = 5 %)
 * @param minDwellSeconds              the dwell a vehicle needs at a stop; scheduled dwell beyond it is recovery slack
 * @param largeDelaySeconds            a delay at or above this raises a large-delay alert (once per trip until it recovers)
 * @param largeDelayHysteresisSeconds  the alert re-arms when the delay falls this far below the threshold
 * @param bunchingHeadwayFraction      bunching when the actual headway is below this share of the scheduled headway
 * @param maxScheduledHeadwaySeconds   headways longer than this are not compared (different service periods)
 * @param vehicleIdleSeconds           state of a vehicle not heard from for this long is dropped
 * @param trafficDirectionMemorySeconds stop passages older than this are forgotten by the bunching rule
 */
public record AdherenceSettings(
        double maxOffRouteMeters,
        double atStopRadiusMeters,
        int maxEarlySeconds,
        int maxLateSeconds,
        double recoveryFractionOfRunTime,
        int minDwellSeconds,
        int largeDelaySeconds,
        int largeDelayHysteresisSeconds,
        double bunchingHeadwayFraction,
        int maxScheduledHeadwaySeconds,
        int vehicleIdleSeconds,
        int trafficDirectionMemorySeconds) implements Serializable {

    public static final AdherenceSettings DEFAULTS = new AdherenceSettings(
            200, 30, 600, 3600, 0.05, 20, 300, 60, 0.25, 3600, 1800, 7200);

    public AdherenceSettings {
        positive("maxOffRouteMeters", maxOffRouteMeters);
        positive("atStopRadiusMeters", atStopRadiusMeters);
        notNegative("maxEarlySeconds", maxEarlySeconds);
        positive("maxLateSeconds", maxLateSeconds);
        if (!(recoveryFractionOfRunTime >= 0 && recoveryFractionOfRunTime < 1)) {
            throw new IllegalArgumentException("recoveryFractionOfRunTime must be within 0..1 (exclusive), was "
                    + recoveryFractionOfRunTime);
        }
        notNegative("minDwellSeconds", minDwellSeconds);
        positive("largeDelaySeconds", largeDelaySeconds);
        notNegative("largeDelayHysteresisSeconds", largeDelayHysteresisSeconds);
        if (!(bunchingHeadwayFraction > 0 && bunchingHeadwayFraction < 1)) {
            throw new IllegalArgumentException("bunchingHeadwayFraction must be within 0..1 (exclusive), was "
                    + bunchingHeadwayFraction);
        }
        positive("maxScheduledHeadwaySeconds", maxScheduledHeadwaySeconds);
        positive("vehicleIdleSeconds", vehicleIdleSeconds);
        positive("trafficDirectionMemorySeconds", trafficDirectionMemorySeconds);
    }

    private static void positive(String name, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
    }

    private static void notNegative(String name, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + " must not be negative, was " + v);
        }
    }

    public AdherenceSettings withLargeDelaySeconds(int seconds) {
        return new AdherenceSettings(maxOffRouteMeters, atStopRadiusMeters, maxEarlySeconds, maxLateSeconds,
                recoveryFractionOfRunTime, minDwellSeconds, seconds, largeDelayHysteresisSeconds, bunchingHeadwayFraction,
                maxScheduledHeadwaySeconds, vehicleIdleSeconds, trafficDirectionMemorySeconds);
    }

    public AdherenceSettings withBunchingHeadwayFraction(double fraction) {
        return new AdherenceSettings(maxOffRouteMeters, atStopRadiusMeters, maxEarlySeconds, maxLateSeconds,
                recoveryFractionOfRunTime, minDwellSeconds, largeDelaySeconds, largeDelayHysteresisSeconds, fraction,
                maxScheduledHeadwaySeconds, vehicleIdleSeconds, trafficDirectionMemorySeconds);
    }

    public AdherenceSettings withRecoveryFractionOfRunTime(double fraction) {
        return new AdherenceSettings(maxOffRouteMeters, atStopRadiusMeters, maxEarlySeconds, maxLateSeconds,
                fraction, minDwellSeconds, largeDelaySeconds, largeDelayHysteresisSeconds, bunchingHeadwayFraction,
                maxScheduledHeadwaySeconds, vehicleIdleSeconds, trafficDirectionMemorySeconds);
    }
}
