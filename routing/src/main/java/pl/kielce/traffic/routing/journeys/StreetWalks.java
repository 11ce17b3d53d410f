package pl.kielce.traffic.routing.journeys;

import java.util.List;
import java.util.Optional;

/** Street geometry of walks (GraphHopper foot routing), and whether a point lies on the street network. */
public interface StreetWalks {
    /** A walking path between two points on the street network, if one is found. */
    Optional<WalkPath> walk(LatLon from, LatLon to);

    /** True when the point is close enough to the street network to start or end a journey there. */
    boolean covers(LatLon point);

    record WalkPath(double distanceMeters, List<double[]> lonLat) {
    }

    /** No street network: straight lines, every point covered. */
    StreetWalks NONE = new StreetWalks() {
        @Override
        public Optional<WalkPath> walk(LatLon from, LatLon to) {
            return Optional.empty();
        }

        @Override
        public boolean covers(LatLon point) {
            return true;
        }
    };
}
