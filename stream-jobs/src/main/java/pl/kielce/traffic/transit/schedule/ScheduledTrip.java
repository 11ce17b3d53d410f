package pl.kielce.traffic.transit.schedule;

import java.util.Objects;

/**
 * One GTFS trip with its stop times, sorted by stop sequence. Times are seconds since the start of
 * the service day (GTFS "noon minus 12 h"; may exceed 24 h for trips running past midnight).
 * Immutable: arrays are copied in and never handed out.
 */
public final class ScheduledTrip {
    private final String id;
    private final String routeId;
    private final String serviceId;
    private final int directionId;
    private final String headsign;
    private final String shapeId;
    private final Stop[] stops;
    private final int[] stopSequences;
    private final int[] arrivalSeconds;
    private final int[] departureSeconds;

    /**
     * @param directionId GTFS direction_id (0 or 1), or -1 when the feed does not give one
     */
    public ScheduledTrip(String id, String routeId, String serviceId, int directionId, String headsign, String shapeId,
                         Stop[] stops, int[] stopSequences, int[] arrivalSeconds, int[] departureSeconds) {
        this.id = requireText("trip_id", id);
        this.routeId = requireText("route_id of trip " + id, routeId);
        this.serviceId = requireText("service_id of trip " + id, serviceId);
        if (directionId < -1 || directionId > 1) {
            throw new IllegalArgumentException("trip " + id + ": direction_id must be 0 or 1, was " + directionId);
        }
        this.directionId = directionId;
        this.headsign = headsign == null ? "" : headsign;
        this.shapeId = shapeId == null || shapeId.isBlank() ? null : shapeId;
        int n = stops.length;
        if (n < 2) {
            throw new IllegalArgumentException("trip " + id + " has " + n + " stop time(s); at least 2 are needed");
        }
        if (stopSequences.length != n || arrivalSeconds.length != n || departureSeconds.length != n) {
            throw new IllegalArgumentException("trip " + id + ": stop time arrays differ in length");
        }
        for (int i = 0; i < n; i++) {
            Objects.requireNonNull(stops[i], "stop of trip " + id);
            if (departureSeconds[i] < arrivalSeconds[i]) {
                throw new IllegalArgumentException("trip " + id + " stop_sequence " + stopSequences[i]
                        + ": departure_time is before arrival_time");
            }
            if (i > 0 && (stopSequences[i] <= stopSequences[i - 1])) {
                throw new IllegalArgumentException("trip " + id + ": stop_sequence not increasing at " + stopSequences[i]);
            }
            if (i > 0 && arrivalSeconds[i] < departureSeconds[i - 1]) {
                throw new IllegalArgumentException("trip " + id + " stop_sequence " + stopSequences[i]
                        + ": arrival_time is before the previous departure_time");
            }
        }
        this.stops = stops.clone();
        this.stopSequences = stopSequences.clone();
        this.arrivalSeconds = arrivalSeconds.clone();
        this.departureSeconds = departureSeconds.clone();
    }

    private static String requireText(String what, String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return v;
    }

    public String id() {
        return id;
    }

    public String routeId() {
        return routeId;
    }

    public String serviceId() {
        return serviceId;
    }

    /** GTFS direction_id, or -1 when unknown. */
    public int directionId() {
        return directionId;
    }

    public String headsign() {
        return headsign;
    }

    /** The shape id, or null. */
    public String shapeId() {
        return shapeId;
    }

    public int stopCount() {
        return stops.length;
    }

    public Stop stop(int index) {
        return stops[index];
    }

    public int stopSequence(int index) {
        return stopSequences[index];
    }

    public int arrivalSeconds(int index) {
        return arrivalSeconds[index];
    }

    public int departureSeconds(int index) {
        return departureSeconds[index];
    }

    public int firstDepartureSeconds() {
        return departureSeconds[0];
    }

    public int lastArrivalSeconds() {
        return arrivalSeconds[stops.length - 1];
    }

    /** The index of a stop_sequence value, or -1. */
    public int indexOfStopSequence(int stopSequence) {
        for (int i = 0; i < stopSequences.length; i++) {
            if (stopSequences[i] == stopSequence) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Route + direction, the group in which vehicles follow each other (for headways). Uses
     * direction_id when the feed has it, else the last stop (many feeds, RNV's among them, have no
     * direction_id).
     */
    public String directionKey() {
        return directionId >= 0 ? routeId + "/dir" + directionId : routeId + "/to:" + stops[stops.length - 1].id();
    }

    @Override
    public String toString() {
        return "ScheduledTrip[" + id + " route " + routeId + ", " + stops.length + " stops, "
                + GtfsTime.format(departureSeconds[0]) + "-" + GtfsTime.format(lastArrivalSeconds()) + "]";
    }
}
