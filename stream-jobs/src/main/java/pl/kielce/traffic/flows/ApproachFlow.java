package pl.kielce.traffic.flows;

import java.time.Instant;
import java.util.Locale;

/**
 * Flow of one approach in one interval, on {@code traffic.flows} (key = intersection id) and in PostGIS table
 * {@code traffic_flows}. No plates: built from counts only.
 *
 * @param flowVehPerHour       vehicles per hour: mean rate per reporting source × sources (a source that missed
 *                             part of the interval is extrapolated from the part it reported)
 * @param occupancy            mean detector occupancy 0..1, NaN for camera counts
 * @param capacityVehPerHour   capacity of the approach under the plan in force (model) or the default
 * @param degreeOfSaturation   flow / capacity
 * @param reportingSources     detectors (or cameras) that reported in the interval
 * @param coverage             share of source-seconds of the interval that were reported, 0..1
 * @param longitude            of the intersection, NaN when unknown
 */
public record ApproachFlow(String intersectionId, String approach, String source, long intervalStartEpochMs,
                           long intervalEndEpochMs, long vehicles, double flowVehPerHour, double occupancy,
                           double capacityVehPerHour, double degreeOfSaturation, int reportingSources, double coverage,
                           double longitude, double latitude) {
    public static final String SCHEMA_VERSION = "1.0";

    public String approachKey() {
        return intersectionId + '|' + approach + '|' + source;
    }

    public Instant intervalStart() {
        return Instant.ofEpochMilli(intervalStartEpochMs);
    }

    public Instant intervalEnd() {
        return Instant.ofEpochMilli(intervalEndEpochMs);
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(360).append('{');
        Json.field(b, "schemaVersion", SCHEMA_VERSION).append(',');
        Json.field(b, "intersectionId", intersectionId).append(',');
        Json.field(b, "approach", approach).append(',');
        Json.field(b, "source", source).append(',');
        Json.field(b, "intervalStart", intervalStart().toString()).append(',');
        Json.field(b, "intervalEnd", intervalEnd().toString()).append(',');
        b.append("\"vehicles\":").append(vehicles).append(',');
        Json.number(b, "flowVehPerHour", flowVehPerHour).append(',');
        Json.number(b, "occupancy", occupancy).append(',');
        Json.number(b, "capacityVehPerHour", capacityVehPerHour).append(',');
        Json.number(b, "degreeOfSaturation", degreeOfSaturation).append(',');
        b.append("\"reportingSources\":").append(reportingSources).append(',');
        Json.number(b, "coverage", coverage).append(',');
        Json.number(b, "lon", longitude).append(',');
        Json.number(b, "lat", latitude);
        return b.append('}').toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ApproachFlow[%s %s %s q=%.0f x=%.2f]", approachKey(), intervalStart(),
                source, flowVehPerHour, degreeOfSaturation);
    }
}
