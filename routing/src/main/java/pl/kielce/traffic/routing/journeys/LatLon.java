package pl.kielce.traffic.routing.journeys;

/** A WGS84 point. */
public record LatLon(double lat, double lon) {
    public LatLon {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("not a latitude,longitude pair: " + lat + "," + lon);
        }
    }

    /** Parses "LAT,LON"; throws IllegalArgumentException with the reason. */
    public static LatLon parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected LAT,LON, got nothing");
        }
        String[] p = text.split(",");
        if (p.length != 2) {
            throw new IllegalArgumentException("expected LAT,LON (e.g. 49.4875,8.4660), got '" + text + "'");
        }
        try {
            return new LatLon(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected LAT,LON numbers, got '" + text + "'");
        }
    }
}
