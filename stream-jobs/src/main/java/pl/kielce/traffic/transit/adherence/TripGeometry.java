package pl.kielce.traffic.transit.adherence;

import pl.kielce.traffic.transit.schedule.GeoMath;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;
import pl.kielce.traffic.transit.schedule.Stop;

/**
 * The path a trip drives between consecutive stops: its GTFS shape when the feed has one that passes
 * near every stop, else the straight line from stop to stop. {@link #project} places a position on the
 * run between stop {@code i} and {@code i+1}.
 */
public abstract class TripGeometry {
    /** Stops farther than this from the shape make the shape unusable for the trip (it is for another pattern). */
    static final double MAX_STOP_TO_SHAPE_METERS = 100;

    /** {fraction of the run from stop i to stop i+1 (0..1), distance from the path in metres}. */
    public abstract double[] project(int i, double lat, double lon);

    /** The point {lat, lon} at fraction {@code f} of the run from stop {@code i} to stop {@code i+1}. */
    public abstract double[] pointAt(int i, double f);

    /** Whether the trip's shape is used (else straight lines). */
    public abstract boolean followsShape();

    /** Straight lines from stop to stop, whatever the feed has. */
    public static TripGeometry straight(ScheduledTrip trip) {
        return new StraightLines(trip);
    }

    public static TripGeometry of(ScheduledTrip trip, GtfsFeed feed) {
        GtfsFeed.Shape shape = feed.shape(trip.shapeId()).orElse(null);
        if (shape != null) {
            TripGeometry g = AlongShape.build(trip, shape);
            if (g != null) {
                return g;
            }
        }
        return new StraightLines(trip);
    }

    /** Stop to stop, straight. */
    static final class StraightLines extends TripGeometry {
        private final ScheduledTrip trip;

        StraightLines(ScheduledTrip trip) {
            this.trip = trip;
        }

        @Override
        public boolean followsShape() {
            return false;
        }

        @Override
        public double[] pointAt(int i, double f) {
            Stop a = trip.stop(i);
            Stop b = trip.stop(i + 1);
            return GeoMath.interpolate(a.latDegrees(), a.lonDegrees(), b.latDegrees(), b.lonDegrees(), f);
        }

        @Override
        public double[] project(int i, double lat, double lon) {
            Stop a = trip.stop(i);
            Stop b = trip.stop(i + 1);
            return GeoMath.projectOntoSegment(lat, lon, a.latDegrees(), a.lonDegrees(), b.latDegrees(), b.lonDegrees());
        }
    }

    /** Along the shape polyline; each stop is placed at its projection on the shape, in order. */
    static final class AlongShape extends TripGeometry {
        private final double[] lat;
        private final double[] lon;
        /** cumulative metres at each shape point */
        private final double[] cumMeters;
        /** metres along the shape of each stop */
        private final double[] stopMeters;
        /** shape segment (point j → j+1) each stop lies on */
        private final int[] stopSegment;

        private AlongShape(double[] lat, double[] lon, double[] cumMeters, double[] stopMeters, int[] stopSegment) {
            this.lat = lat;
            this.lon = lon;
            this.cumMeters = cumMeters;
            this.stopMeters = stopMeters;
            this.stopSegment = stopSegment;
        }

        static AlongShape build(ScheduledTrip trip, GtfsFeed.Shape shape) {
            double[] la = shape.latDegrees();
            double[] lo = shape.lonDegrees();
            int m = la.length;
            double[] cum = new double[m];
            for (int j = 1; j < m; j++) {
                cum[j] = cum[j - 1] + GeoMath.distanceMeters(la[j - 1], lo[j - 1], la[j], lo[j]);
            }
            int n = trip.stopCount();
            double[] stopMeters = new double[n];
            int[] stopSegment = new int[n];
            int from = 0;
            double minMeters = 0;
            for (int k = 0; k < n; k++) {
                Stop s = trip.stop(k);
                double best = Double.POSITIVE_INFINITY;
                int bestSeg = -1;
                double bestAlong = 0;
                for (int j = from; j < m - 1; j++) {
                    double[] fd = GeoMath.projectOntoSegment(s.latDegrees(), s.lonDegrees(), la[j], lo[j], la[j + 1], lo[j + 1]);
                    double along = cum[j] + fd[0] * (cum[j + 1] - cum[j]);
                    if (along + 1e-6 < minMeters) {
                        continue; // stops are in driving order
                    }
                    if (fd[1] < best - 1e-9) {
                        best = fd[1];
                        bestSeg = j;
                        bestAlong = along;
                    }
                }
                if (bestSeg < 0 || best > MAX_STOP_TO_SHAPE_METERS) {
                    return null;
                }
                stopMeters[k] = bestAlong;
                stopSegment[k] = bestSeg;
                from = bestSeg;
                minMeters = bestAlong;
            }
            return new AlongShape(la, lo, cum, stopMeters, stopSegment);
        }

        @Override
        public boolean followsShape() {
            return true;
        }

        @Override
        public double[] pointAt(int i, double f) {
            double target = stopMeters[i] + f * (stopMeters[i + 1] - stopMeters[i]);
            for (int j = stopSegment[i]; j < lat.length - 1; j++) {
                if (cumMeters[j + 1] >= target || j == lat.length - 2) {
                    double len = cumMeters[j + 1] - cumMeters[j];
                    double g = len <= 0 ? 0 : Math.max(0, Math.min(1, (target - cumMeters[j]) / len));
                    return GeoMath.interpolate(lat[j], lon[j], lat[j + 1], lon[j + 1], g);
                }
            }
            return new double[]{lat[lat.length - 1], lon[lon.length - 1]};
        }

        @Override
        public double[] project(int i, double pLat, double pLon) {
            double start = stopMeters[i];
            double end = stopMeters[i + 1];
            double best = Double.POSITIVE_INFINITY;
            double bestAlong = start;
            for (int j = stopSegment[i]; j <= stopSegment[i + 1] && j < lat.length - 1; j++) {
                double[] fd = GeoMath.projectOntoSegment(pLat, pLon, lat[j], lon[j], lat[j + 1], lon[j + 1]);
                double along = Math.max(start, Math.min(end, cumMeters[j] + fd[0] * (cumMeters[j + 1] - cumMeters[j])));
                if (fd[1] < best) {
                    best = fd[1];
                    bestAlong = along;
                }
            }
            double f = end > start ? (bestAlong - start) / (end - start) : 0;
            return new double[]{f, best};
        }
    }
}
