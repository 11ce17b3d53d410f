package pl.kielce.traffic.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * Vehicles counted by one loop/virtual detector in one interval. Topic {@link Topics#TRAFFIC_DETECTOR_COUNTS},
 * key = detector id.
 *
 * @param detectorId      non-blank
 * @param intersectionId  the intersection the detector belongs to, non-blank
 * @param approach        approach of the intersection (e.g. {@code N}, {@code Sandomierska-E}), non-blank
 * @param intervalStart   start of the counting interval
 * @param intervalSeconds length of the interval, &gt; 0
 * @param vehicles        vehicles counted, &ge; 0
 * @param occupancy       share of the interval the detector was occupied, 0..1
 */
public record DetectorCount(
        String detectorId,
        String intersectionId,
        String approach,
        Instant intervalStart,
        @JsonProperty(required = true) int intervalSeconds,
        @JsonProperty(required = true) int vehicles,
        @JsonProperty(required = true) double occupancy) {

    public DetectorCount {
        Checks.text("detectorId", detectorId);
        Checks.text("intersectionId", intersectionId);
        Checks.text("approach", approach);
        Checks.present("intervalStart", intervalStart);
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("intervalSeconds must be positive, was " + intervalSeconds);
        }
        Checks.notNegative("vehicles", vehicles);
        Checks.fraction("occupancy", occupancy);
    }

    public Instant intervalEnd() {
        return intervalStart.plusSeconds(intervalSeconds);
    }
}
