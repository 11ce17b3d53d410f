package pl.kielce.traffic.routing.journeys;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One way to travel: legs in order, times in the feed's time zone. */
@Schema(description = "An itinerary: walk and transit legs in order")
public record Itinerary(OffsetDateTime departure, OffsetDateTime arrival, long durationSeconds, int transfers,
                        int walkMeters, List<Leg> legs) {

    @Schema(description = "A walk or a ride on one trip")
    public record Leg(
            @Schema(description = "WALK, CAR or the transit mode (TRAM, BUS, RAIL, …)") String mode,
            OffsetDateTime departure, OffsetDateTime arrival, long durationSeconds,
            Place from, Place to,
            @Schema(description = "walk/drive: distance along the path; ride: null") Integer distanceMeters,
            @Schema(description = "ride: route short name") String routeShortName,
            @Schema(description = "ride: trip headsign") String headsign,
            @Schema(description = "ride: GTFS trip_id") String tripId,
            @Schema(description = "ride: real-time departure delay at the boarding stop, seconds (0 = on time or no data)") Integer departureDelaySeconds,
            @Schema(description = "ride: real-time arrival delay at the alighting stop, seconds") Integer arrivalDelaySeconds,
            @Schema(description = "ride: stops passed between boarding and alighting") List<Place> intermediateStops,
            @Schema(description = "GeoJSON LineString, [lon, lat] pairs") Geometry geometry) {
    }

    @Schema(description = "A stop or a query point")
    public record Place(String name, String stopId, double lat, double lon) {
    }

    @Schema(description = "GeoJSON LineString")
    public record Geometry(String type, List<double[]> coordinates) {
        public static Geometry lineString(List<double[]> lonLat) {
            return new Geometry("LineString", lonLat);
        }
    }
}
