package pl.kielce.traffic.flows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private static final ObjectMapper JSON = new ObjectMapper();

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
        ObjectNode n = JSON.createObjectNode();
        n.put("schemaVersion", SCHEMA_VERSION);
        n.put("intersectionId", intersectionId);
        n.put("approach", approach);
        n.put("source", source);
        n.put("intervalStart", intervalStart().toString());
        n.put("intervalEnd", intervalEnd().toString());
        n.put("vehicles", vehicles);
        number(n, "flowVehPerHour", flowVehPerHour);
        number(n, "occupancy", occupancy);
        number(n, "capacityVehPerHour", capacityVehPerHour);
        number(n, "degreeOfSaturation", degreeOfSaturation);
        n.put("reportingSources", reportingSources);
        number(n, "coverage", coverage);
        number(n, "lon", longitude);
        number(n, "lat", latitude);
        return n.toString();
    }

    /** A number with up to 4 decimals; NaN/infinite → null. */
    private static void number(ObjectNode n, String name, double value) {
        if (Double.isFinite(value)) {
            n.put(name, Math.round(value * 10_000d) / 10_000d);
        } else {
            n.putNull(name);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ApproachFlow[%s %s %s q=%.0f x=%.2f]", approachKey(), intervalStart(),
                source, flowVehPerHour, degreeOfSaturation);
    }
}
