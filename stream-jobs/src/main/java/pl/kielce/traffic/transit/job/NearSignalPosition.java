package pl.kielce.traffic.transit.job;

/**
 * A matched position of a bus near a signalised junction (side output of the adherence operator, input of
 * the priority operator): what the adherence job worked out, so the priority path does not match again.
 *
 * @param serviceDate          YYYY-MM-DD
 * @param delaySeconds         the adherence delay (positive = late)
 * @param segmentIndex         between stop {@code segmentIndex} and the next of the trip
 * @param fractionAlongSegment 0..1 along that run
 */
public record NearSignalPosition(String vehicleId, String routeId, String tripId, String serviceDate, int delaySeconds,
                                 double lat, double lon, long epochSeconds, int segmentIndex,
                                 double fractionAlongSegment) {
}
