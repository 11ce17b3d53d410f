package pl.kielce.traffic.routing.graph;

import java.nio.file.Path;

import pl.kielce.traffic.routing.journeys.JourneyPlanner;
import pl.kielce.traffic.routing.street.StreetGraph;
import pl.kielce.traffic.routing.transit.realtime.RealtimeUpdater;
import pl.kielce.traffic.routing.transit.scan.TransitNetwork;

/** Everything one loaded pair of inputs (OSM + GTFS) gives: street graph, timetable network, planner, real-time writer. */
public record RoutingGraph(Inputs inputs, StreetGraph streets, TransitNetwork network, JourneyPlanner planner,
                           RealtimeUpdater realtime, long loadMillis) {

    /** The input files and the fingerprint (size + modification time) they had when loaded. */
    public record Inputs(Path osm, Path gtfs, String fingerprint) {
    }
}
