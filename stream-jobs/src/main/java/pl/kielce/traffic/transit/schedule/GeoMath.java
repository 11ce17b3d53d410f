package pl.kielce.traffic.transit.schedule;

/** Small-distance geometry on WGS84 degrees (local equirectangular projection; fine below ~50 km). */
public final class GeoMath {
    private static final double METERS_PER_DEGREE_LAT = 111_320.0;

    private GeoMath() {
    }

    public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double kx = METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        double dx = (lon2 - lon1) * kx;
        double dy = (lat2 - lat1) * METERS_PER_DEGREE_LAT;
        return Math.sqrt(dx * dx + dy * dy);
    }

    /**
     * Projects point P onto segment A→B. Returns {fraction along A→B in 0..1, distance from P to the
     * projected point in metres}.
     */
    public static double[] projectOntoSegment(double pLat, double pLon, double aLat, double aLon, double bLat, double bLon) {
        double kx = METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians(pLat));
        double ax = (aLon - pLon) * kx;
        double ay = (aLat - pLat) * METERS_PER_DEGREE_LAT;
        double bx = (bLon - pLon) * kx;
        double by = (bLat - pLat) * METERS_PER_DEGREE_LAT;
        double vx = bx - ax;
        double vy = by - ay;
        double len2 = vx * vx + vy * vy;
        double f = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * vx + ay * vy) / len2));
        double qx = ax + f * vx;
        double qy = ay + f * vy;
        return new double[]{f, Math.sqrt(qx * qx + qy * qy)};
    }

    /** The point at fraction f along A→B (linear in degrees; fine at city scale). */
    public static double[] interpolate(double aLat, double aLon, double bLat, double bLon, double f) {
        return new double[]{aLat + (bLat - aLat) * f, aLon + (bLon - aLon) * f};
    }

    /** Initial bearing from A to B in degrees clockwise from north, 0..360 (local flat approximation). */
    public static double bearingDegrees(double aLat, double aLon, double bLat, double bLon) {
        double kx = METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians((aLat + bLat) / 2));
        double dx = (bLon - aLon) * kx;
        double dy = (bLat - aLat) * METERS_PER_DEGREE_LAT;
        double b = Math.toDegrees(Math.atan2(dx, dy));
        return b < 0 ? b + 360 : b;
    }
}
