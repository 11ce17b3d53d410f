package pl.kielce.traffic.ctz.policy;

import java.io.Serializable;
import java.util.Objects;

/** An ANPR camera site from the pack's {@code cameras.geojson}. */
public record Camera(String id, String name, String street, String direction, double lon, double lat) implements Serializable {
    public Camera {
        Objects.requireNonNull(id, "id");
    }
}
