package pl.kielce.traffic.transit.adherence;

import java.util.Objects;

/**
 * One vehicle position, checked and taken out of its GTFS-Realtime envelope.
 *
 * @param vehicleId            the vehicle (GTFS-RT VehicleDescriptor id, else label, else entity id)
 * @param tripId               the trip the vehicle reports, or null (then route + position + time are matched)
 * @param routeId              the route, or null
 * @param directionId          GTFS direction_id, -1 when not reported
 * @param startDate            the trip's service date "YYYYMMDD", or null
 * @param latDegrees           WGS84 latitude
 * @param lonDegrees           WGS84 longitude
 * @param timestampEpochSeconds when the position was measured
 */
public record VehicleObservation(String vehicleId, String tripId, String routeId, int directionId, String startDate,
                                 double latDegrees, double lonDegrees, long timestampEpochSeconds) {
    public VehicleObservation {
        Objects.requireNonNull(vehicleId, "vehicleId");
        if (vehicleId.isBlank()) {
            throw new IllegalArgumentException("vehicleId must not be blank");
        }
        tripId = blankToNull(tripId);
        routeId = blankToNull(routeId);
        startDate = blankToNull(startDate);
        if (startDate != null && !startDate.matches("\\d{8}")) {
            throw new IllegalArgumentException("startDate must be YYYYMMDD, was '" + startDate + "'");
        }
        if (directionId < -1 || directionId > 1) {
            throw new IllegalArgumentException("directionId must be 0, 1 or -1 (unknown), was " + directionId);
        }
        if (!(latDegrees >= -90 && latDegrees <= 90) || !(lonDegrees >= -180 && lonDegrees <= 180)) {
            throw new IllegalArgumentException("position out of range: " + latDegrees + "," + lonDegrees);
        }
        if (latDegrees == 0 && lonDegrees == 0) {
            throw new IllegalArgumentException("position is 0,0 (no fix)");
        }
        if (timestampEpochSeconds <= 0) {
            throw new IllegalArgumentException("timestamp is missing");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
