package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/** A named area from the pack's zones GeoJSON (WGS 84, lon/lat, SRID 4326). */
public record Zone(String id, String name, Geometry geometry) implements Serializable {
    public Zone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(geometry, "geometry");
    }
}
