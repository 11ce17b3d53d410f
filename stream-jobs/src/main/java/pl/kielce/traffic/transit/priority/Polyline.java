package pl.kielce.traffic.transit.priority;

import pl.kielce.traffic.transit.schedule.GeoMath;

import java.util.ArrayList;
import java.util.List;

/** A path on WGS84 points ({lat, lon}) with metres along it; immutable. */
public final class Polyline {
    private final double[] lat;
    private final double[] lon;
    private final double[] cumMeters;

    /** Where a point comes closest to the path. */
    public record Closest(double alongMeters, double offsetMeters) {
    }

    public Polyline(List<double[]> points) {
        List<double[]> pts = new ArrayList<>();
        for (double[] p : points) {
            if (p.length != 2) {
                throw new IllegalArgumentException("a point is {lat, lon}");
            }
            if (pts.isEmpty() || GeoMath.distanceMeters(pts.get(pts.size() - 1)[0], pts.get(pts.size() - 1)[1], p[0], p[1]) > 1e-3) {
                pts.add(p);
            }
        }
        if (pts.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least one point");
        }
        int n = pts.size();
        lat = new double[n];
        lon = new double[n];
        cumMeters = new double[n];
        for (int i = 0; i < n; i++) {
            lat[i] = pts.get(i)[0];
            lon[i] = pts.get(i)[1];
            if (i > 0) {
                cumMeters[i] = cumMeters[i - 1] + GeoMath.distanceMeters(lat[i - 1], lon[i - 1], lat[i], lon[i]);
            }
        }
    }

    public double lengthMeters() {
        return cumMeters[cumMeters.length - 1];
    }

    /** The first place (lowest metres along) where the path comes closest to the point, searching up to {@code maxAlongMeters}. */
    public Closest closestTo(double pLat, double pLon, double maxAlongMeters) {
        if (lat.length == 1) {
            return new Closest(0, GeoMath.distanceMeters(lat[0], lon[0], pLat, pLon));
        }
        double best = Double.POSITIVE_INFINITY;
        double bestAlong = 0;
        for (int i = 0; i < lat.length - 1 && cumMeters[i] <= maxAlongMeters; i++) {
            double[] fd = GeoMath.projectOntoSegment(pLat, pLon, lat[i], lon[i], lat[i + 1], lon[i + 1]);
            if (fd[1] < best - 1e-6) {
                best = fd[1];
                bestAlong = cumMeters[i] + fd[0] * (cumMeters[i + 1] - cumMeters[i]);
            }
        }
        return new Closest(bestAlong, best);
    }

    /** The point {lat, lon} at {@code meters} along the path (clamped to its ends). */
    public double[] pointAt(double meters) {
        if (meters <= 0 || lat.length == 1) {
            return new double[]{lat[0], lon[0]};
        }
        for (int i = 0; i < lat.length - 1; i++) {
            if (cumMeters[i + 1] >= meters) {
                double len = cumMeters[i + 1] - cumMeters[i];
                double f = len <= 0 ? 0 : (meters - cumMeters[i]) / len;
                return GeoMath.interpolate(lat[i], lon[i], lat[i + 1], lon[i + 1], f);
            }
        }
        return new double[]{lat[lat.length - 1], lon[lon.length - 1]};
    }
}
