package pl.kielce.traffic.transit.simulation;

import pl.kielce.traffic.transit.adherence.TripGeometry;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;
import pl.kielce.traffic.transit.schedule.Stop;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Random;

/**
 * One trip as it "really" runs: actual arrival and departure seconds (of the service day) at every stop,
 * drawn once from a {@link DelayModel}. Positions are interpolated along the trip's {@link TripGeometry}
 * (its shape, else the straight stop-to-stop line).
 */
public final class SimulatedTrip {
    private final ScheduledTrip trip;
    private final TripGeometry geometry;
    private final LocalDate serviceDate;
    private final double[] actualArrival;
    private final double[] actualDeparture;
    private final int incidentSegment;
    private final int incidentSeconds;

    public SimulatedTrip(ScheduledTrip trip, LocalDate serviceDate, DelayModel model, Random random) {
        this(trip, TripGeometry.straight(trip), serviceDate, model, random);
    }

    /** @param geometry the path between stops (the trip's shape when the feed has one) */
    public SimulatedTrip(ScheduledTrip trip, TripGeometry geometry, LocalDate serviceDate, DelayModel model, Random random) {
        this.trip = Objects.requireNonNull(trip, "trip");
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.serviceDate = Objects.requireNonNull(serviceDate, "serviceDate");
        int n = trip.stopCount();
        actualArrival = new double[n];
        actualDeparture = new double[n];
        double initial = Math.max(0, model.initialDelayMeanSeconds() + random.nextGaussian() * model.initialDelaySdSeconds());
        boolean incident = random.nextDouble() < model.incidentProbabilityPerTrip();
        incidentSegment = incident ? random.nextInt(n - 1) : -1;
        incidentSeconds = incident ? model.incidentMinSeconds()
                + random.nextInt(model.incidentMaxSeconds() - model.incidentMinSeconds() + 1) : 0;
        actualArrival[0] = trip.arrivalSeconds(0);
        actualDeparture[0] = trip.departureSeconds(0) + initial;
        for (int i = 0; i < n - 1; i++) {
            double run = trip.arrivalSeconds(i + 1) - trip.departureSeconds(i);
            double delay = actualDeparture[i] - trip.departureSeconds(i);
            double actualRun = run + random.nextGaussian() * model.segmentNoiseFraction() * run;
            if (delay > 0) {
                actualRun -= Math.min(delay, model.recoveryFractionOfRunTime() * run);
            }
            actualRun = Math.max(0.5 * run, actualRun);
            if (i == incidentSegment) {
                actualRun += incidentSeconds;
            }
            actualArrival[i + 1] = actualDeparture[i] + actualRun;
            int scheduledDwell = trip.departureSeconds(i + 1) - trip.arrivalSeconds(i + 1);
            actualDeparture[i + 1] = scheduledDwell > 0
                    ? Math.max(actualArrival[i + 1] + model.minDwellSeconds(), trip.departureSeconds(i + 1))
                    : actualArrival[i + 1];
        }
    }

    public ScheduledTrip trip() {
        return trip;
    }

    public LocalDate serviceDate() {
        return serviceDate;
    }

    /** The run with an incident, or -1. */
    public int incidentSegment() {
        return incidentSegment;
    }

    public int incidentSeconds() {
        return incidentSeconds;
    }

    public double actualArrivalSeconds(int stopIndex) {
        return actualArrival[stopIndex];
    }

    public double actualDepartureSeconds(int stopIndex) {
        return actualDeparture[stopIndex];
    }

    /** The vehicle is out between its first departure (less {@code layoverSeconds} at the first stop) and its last arrival. */
    public boolean isRunning(double secondsOfDay, int layoverSeconds) {
        return secondsOfDay >= actualDeparture[0] - layoverSeconds && secondsOfDay <= actualArrival[actualArrival.length - 1];
    }

    /** A simulated position: where, and the true delay against the timetable at that point. */
    public record Fix(double latDegrees, double lonDegrees, int segmentIndex, double fraction, double trueDelaySeconds) {
    }

    /** Where the vehicle is at {@code secondsOfDay} (call only while {@link #isRunning}). */
    public Fix positionAt(double secondsOfDay) {
        int n = trip.stopCount();
        if (secondsOfDay <= actualDeparture[0]) {
            Stop s = trip.stop(0);
            return new Fix(s.latDegrees(), s.lonDegrees(), 0, 0, Math.max(0, secondsOfDay - trip.departureSeconds(0)));
        }
        for (int i = 0; i < n - 1; i++) {
            if (secondsOfDay < actualArrival[i + 1]) {
                double span = actualArrival[i + 1] - actualDeparture[i];
                double f = span <= 0 ? 1 : Math.min(1, Math.max(0, (secondsOfDay - actualDeparture[i]) / span));
                double scheduled = trip.departureSeconds(i) + f * (trip.arrivalSeconds(i + 1) - trip.departureSeconds(i));
                double[] p = geometry.pointAt(i, f);
                return new Fix(p[0], p[1], i, f, secondsOfDay - scheduled);
            }
            if (secondsOfDay < actualDeparture[i + 1]) {
                // dwelling at stop i+1: the timetable says it may be there from arrival to departure
                Stop s = trip.stop(i + 1);
                double arr = trip.arrivalSeconds(i + 1);
                double dep = trip.departureSeconds(i + 1);
                double delay = secondsOfDay < arr ? secondsOfDay - arr : secondsOfDay > dep ? secondsOfDay - dep : 0;
                return new Fix(s.latDegrees(), s.lonDegrees(), i + 1, 0, delay);
            }
        }
        Stop s = trip.stop(n - 1);
        return new Fix(s.latDegrees(), s.lonDegrees(), n - 2, 1, secondsOfDay - trip.arrivalSeconds(n - 1));
    }
}
