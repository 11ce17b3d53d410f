package pl.kielce.traffic.transit.priority;

import pl.kielce.traffic.transit.adherence.TripGeometry;
import pl.kielce.traffic.transit.schedule.GeoMath;

import java.util.ArrayList;
import java.util.List;

/** The path a bus will drive next: its matched trip's geometry from where it was matched onwards. */
public final class PathAhead {
    /** Points sampled per stop-to-stop run (enough to follow a shape's bends at junction scale). */
    static final int SAMPLES_PER_RUN = 24;

    private PathAhead() {
    }

    /**
     * @param geometry     the trip's geometry (shape or straight lines, as the matcher uses)
     * @param stopCount    stops of the trip
     * @param segmentIndex the run the bus is on (from stop {@code segmentIndex} to the next)
     * @param fraction     how far along that run, 0..1
     * @param meters       how far ahead to follow the path (it may end earlier, at the last stop)
     */
    public static Polyline of(TripGeometry geometry, int stopCount, int segmentIndex, double fraction, double meters) {
        List<double[]> pts = new ArrayList<>();
        double[] last = geometry.pointAt(segmentIndex, fraction);
        pts.add(last);
        double along = 0;
        for (int j = segmentIndex; j <= stopCount - 2 && along <= meters; j++) {
            double from = j == segmentIndex ? fraction : 0;
            for (int k = 1; k <= SAMPLES_PER_RUN && along <= meters; k++) {
                double f = from + (1 - from) * k / SAMPLES_PER_RUN;
                double[] p = geometry.pointAt(j, f);
                along += GeoMath.distanceMeters(last[0], last[1], p[0], p[1]);
                pts.add(p);
                last = p;
            }
        }
        return new Polyline(pts);
    }
}
