package pl.kielce.traffic.routing.transit.model;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * A GTFS timetable in flat arrays (struct of arrays), immutable after construction.
 * Stop times of trip {@code t} are {@code [tripFirstStopTime[t], tripFirstStopTime[t+1])};
 * times are seconds after midnight of the service day (may exceed 24 h).
 */
public final class Timetable {
    /** GTFS accessibility values: 0 unknown, 1 accessible, 2 not accessible. */
    public static final byte ACCESSIBILITY_UNKNOWN = 0;
    public static final byte ACCESSIBLE = 1;
    public static final byte NOT_ACCESSIBLE = 2;

    public final ZoneId zone;
    public final String feedChecksum;

    public final String[] stopId;
    public final String[] stopName;
    public final double[] stopLat;
    public final double[] stopLon;
    public final byte[] stopWheelchairBoarding;
    private final Map<String, Integer> stopIndex;

    public final String[] routeShortName;
    public final String[] routeLongName;
    public final int[] routeType;

    public final String[] tripId;
    public final int[] tripRoute;
    public final String[] tripHeadsign;
    public final int[] tripService;
    public final byte[] tripWheelchairAccessible;
    private final Map<String, Integer> tripIndex;

    public final int[] tripFirstStopTime;
    public final int[] stopTimeStop;
    public final int[] stopTimeArrivalSeconds;
    public final int[] stopTimeDepartureSeconds;
    public final int[] stopTimeSequence;
    /** true when passengers may board / alight there (GTFS pickup_type / drop_off_type != 1). */
    public final boolean[] stopTimePickup;
    public final boolean[] stopTimeDropOff;

    public final ServiceCalendar[] services;

    @SuppressWarnings("java:S107")
    public Timetable(ZoneId zone, String feedChecksum,
                     String[] stopId, String[] stopName, double[] stopLat, double[] stopLon, byte[] stopWheelchairBoarding,
                     Map<String, Integer> stopIndex,
                     String[] routeShortName, String[] routeLongName, int[] routeType,
                     String[] tripId, int[] tripRoute, String[] tripHeadsign, int[] tripService, byte[] tripWheelchairAccessible,
                     Map<String, Integer> tripIndex,
                     int[] tripFirstStopTime, int[] stopTimeStop, int[] stopTimeArrivalSeconds, int[] stopTimeDepartureSeconds,
                     int[] stopTimeSequence, boolean[] stopTimePickup, boolean[] stopTimeDropOff,
                     ServiceCalendar[] services) {
        this.zone = Objects.requireNonNull(zone);
        this.feedChecksum = feedChecksum;
        this.stopId = stopId;
        this.stopName = stopName;
        this.stopLat = stopLat;
        this.stopLon = stopLon;
        this.stopWheelchairBoarding = stopWheelchairBoarding;
        this.stopIndex = Map.copyOf(stopIndex);
        this.routeShortName = routeShortName;
        this.routeLongName = routeLongName;
        this.routeType = routeType;
        this.tripId = tripId;
        this.tripRoute = tripRoute;
        this.tripHeadsign = tripHeadsign;
        this.tripService = tripService;
        this.tripWheelchairAccessible = tripWheelchairAccessible;
        this.tripIndex = Map.copyOf(tripIndex);
        this.tripFirstStopTime = tripFirstStopTime;
        this.stopTimeStop = stopTimeStop;
        this.stopTimeArrivalSeconds = stopTimeArrivalSeconds;
        this.stopTimeDepartureSeconds = stopTimeDepartureSeconds;
        this.stopTimeSequence = stopTimeSequence;
        this.stopTimePickup = stopTimePickup;
        this.stopTimeDropOff = stopTimeDropOff;
        this.services = services;
    }

    public int stopCount() {
        return stopId.length;
    }

    public int tripCount() {
        return tripId.length;
    }

    /** Stop index for a GTFS stop_id, or -1. */
    public int stopIndex(String id) {
        Integer i = stopIndex.get(id);
        return i == null ? -1 : i;
    }

    /** Trip index for a GTFS trip_id, or -1. */
    public int tripIndex(String id) {
        Integer i = tripIndex.get(id);
        return i == null ? -1 : i;
    }

    public boolean runsOn(int trip, LocalDate serviceDate) {
        return services[tripService[trip]].activeOn(serviceDate);
    }

    /** First and last service date of the feed (over all services), for diagnostics. */
    public LocalDate firstServiceDate() {
        LocalDate min = null;
        for (ServiceCalendar s : services) {
            LocalDate d = s.firstDate();
            if (d != null && (min == null || d.isBefore(min))) {
                min = d;
            }
        }
        return min;
    }

    public LocalDate lastServiceDate() {
        LocalDate max = null;
        for (ServiceCalendar s : services) {
            LocalDate d = s.lastDate();
            if (d != null && (max == null || d.isAfter(max))) {
                max = d;
            }
        }
        return max;
    }
}
