package pl.kielce.traffic.flows;

/**
 * One validated measurement of an approach: a detector count or a camera's passage count (no plate: a
 * {@code PassageCount} never carries one). Flink POJO.
 *
 * @param source               {@link #DETECTORS} or {@link #CAMERA}
 * @param sourceId             detector id or camera id
 * @param intersectionId       intersection the measurement belongs to
 * @param approach             approach of the intersection
 * @param startEpochMs         start of the counted period (event time)
 * @param seconds              length of the counted period
 * @param vehicles             vehicles counted
 * @param occupancy            share of the period the detector was occupied; NaN for cameras
 */
public record Observation(String source, String sourceId, String intersectionId, String approach, long startEpochMs,
                          int seconds, long vehicles, double occupancy) {
    public static final String DETECTORS = "detectors";
    public static final String CAMERA = "camera";

    /** Key of the approach's flow series: intersection, approach and source kind. */
    public String approachKey() {
        return intersectionId + '|' + approach + '|' + source;
    }

    /** Key of the measuring device (silence detection). */
    public String sourceKey() {
        return source + '|' + sourceId;
    }
}
