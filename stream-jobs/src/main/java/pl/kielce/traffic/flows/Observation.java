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

    /**
     * This count cut at the boundaries of the flow intervals ({@code intervalMs}, aligned to the epoch like Flink's
     * tumbling windows): one piece per interval it overlaps, vehicles in proportion to time with cumulative rounding
     * (the pieces sum to {@link #vehicles}), the same occupancy. A count inside one interval is returned as is.
     * E.g. a camera's 5-minute passage count in 1-minute flow intervals becomes five 1-minute pieces.
     */
    public java.util.List<Observation> splitAt(long intervalMs) {
        long endMs = startEpochMs + seconds * 1000L;
        long firstBoundary = Math.floorDiv(startEpochMs, intervalMs) * intervalMs + intervalMs;
        if (endMs <= firstBoundary) {
            return java.util.List.of(this);
        }
        java.util.List<Observation> out = new java.util.ArrayList<>();
        long totalMs = endMs - startEpochMs;
        long from = startEpochMs;
        long assigned = 0;
        while (from < endMs) {
            long to = Math.min(endMs, Math.floorDiv(from, intervalMs) * intervalMs + intervalMs);
            long upTo = Math.round((double) vehicles * (to - startEpochMs) / totalMs);
            out.add(new Observation(source, sourceId, intersectionId, approach, from,
                    (int) Math.max(1, Math.round((to - from) / 1000.0)), upTo - assigned, occupancy));
            assigned = upTo;
            from = to;
        }
        return out;
    }

    /** Key of the measuring device (silence detection). */
    public String sourceKey() {
        return source + '|' + sourceId;
    }
}
