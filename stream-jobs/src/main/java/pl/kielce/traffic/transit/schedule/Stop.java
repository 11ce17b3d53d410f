package pl.kielce.traffic.transit.schedule;

import java.util.Objects;

/** A GTFS stop (or platform) with its position in WGS84 degrees. */
public record Stop(String id, String name, double latDegrees, double lonDegrees) {
    public Stop {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("stop id must not be blank");
        }
        name = name == null ? "" : name;
        if (!(latDegrees >= -90 && latDegrees <= 90) || !(lonDegrees >= -180 && lonDegrees <= 180)) {
            throw new IllegalArgumentException("stop " + id + " has no valid position: " + latDegrees + "," + lonDegrees);
        }
    }
}
