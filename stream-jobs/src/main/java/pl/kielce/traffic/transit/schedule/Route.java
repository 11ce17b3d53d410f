package pl.kielce.traffic.transit.schedule;

import java.util.Objects;

/** A GTFS route (a line as passengers know it). {@code routeType} is the GTFS code (3 = bus, 0 = tram). */
public record Route(String id, String shortName, String longName, int routeType) {
    public Route {
        Objects.requireNonNull(id, "id");
        shortName = shortName == null ? "" : shortName;
        longName = longName == null ? "" : longName;
    }

    /** The name shown to people: the short name when there is one. */
    public String displayName() {
        return shortName.isEmpty() ? longName : shortName;
    }
}
