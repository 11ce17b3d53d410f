package pl.kielce.traffic.flows;

import java.io.Serializable;
import java.util.Map;

/**
 * Where a camera's passages count: camera id → intersection and approach. A camera not listed is its own
 * measuring point (intersection = approach = camera id).
 */
public record CameraApproaches(Map<String, Site> sites) implements Serializable {
    public record Site(String intersectionId, String approach) implements Serializable {
    }

    public static final CameraApproaches NONE = new CameraApproaches(Map.of());

    public CameraApproaches {
        sites = Map.copyOf(sites);
    }

    public Site siteOf(String cameraId) {
        Site s = sites.get(cameraId);
        return s != null ? s : new Site(cameraId, cameraId);
    }
}
