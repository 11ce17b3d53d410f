package pl.kielce.traffic.routing.journeys;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import pl.kielce.traffic.routing.graph.GraphLifecycle;
import pl.kielce.traffic.routing.graph.RoutingGraph;

/** {@code GET /api/journeys}: public-transport itineraries between two points. */
@RestController
class JourneysController {
    private final GraphLifecycle graph;
    private final Clock clock;

    JourneysController(GraphLifecycle graph, Clock clock) {
        this.graph = graph;
        this.clock = clock;
    }

    @Operation(summary = "Public-transport itineraries",
            description = "Earliest-arrival itinerary (or latest departure with `arrival`) plus alternatives with fewer transfers, "
                    + "then later (earlier) departures up to `limit`. Times are ISO-8601 local date-times in the timetable's time zone; "
                    + "an offset (e.g. +01:00) is accepted and converted. Real-time delays and cancellations are applied.")
    @ApiResponse(responseCode = "200", description = "itineraries (possibly none)")
    @ApiResponse(responseCode = "400", description = "a parameter is malformed; `parameter` names it (application/problem+json)")
    @ApiResponse(responseCode = "422", description = "a point or time outside the network or timetable")
    @ApiResponse(responseCode = "503", description = "the routing graph is still loading")
    @GetMapping(path = "/api/journeys", produces = MediaType.APPLICATION_JSON_VALUE)
    JourneyPlan journeys(
            @Parameter(description = "origin LAT,LON", example = "49.4793,8.4699") @RequestParam(required = false) String from,
            @Parameter(description = "destination LAT,LON", example = "49.4094,8.6931") @RequestParam(required = false) String to,
            @Parameter(description = "leave at (default: now)", example = "2016-11-15T08:00:00") @RequestParam(required = false) String departure,
            @Parameter(description = "arrive by (instead of departure)") @RequestParam(required = false) String arrival,
            @Parameter(description = "0–8, default " + JourneyRequest.DEFAULT_MAX_TRANSFERS) @RequestParam(required = false) String maxTransfers,
            @Parameter(description = "longest walk to the first / from the last stop, metres (0–5000), default "
                    + JourneyRequest.DEFAULT_MAX_WALK_METERS) @RequestParam(required = false) String maxWalkMeters,
            @Parameter(description = "only stops and vehicles usable in a wheelchair (GTFS wheelchair_boarding / wheelchair_accessible)")
            @RequestParam(required = false) String wheelchair,
            @Parameter(description = "1–10 itineraries, default " + JourneyRequest.DEFAULT_LIMIT) @RequestParam(required = false) String limit) {
        RoutingGraph g = graph.current().orElseThrow(() -> new NotReadyException("the routing graph is still loading"));
        JourneyPlanner planner = g.planner();
        LatLon origin = point("from", from);
        LatLon destination = point("to", to);
        if (departure != null && arrival != null) {
            throw new InvalidParameterException("arrival", "give either departure or arrival, not both");
        }
        boolean arriveBy = arrival != null;
        LocalDateTime time = arriveBy ? time("arrival", arrival, planner.zone())
                : departure == null ? LocalDateTime.now(clock.withZone(planner.zone())) : time("departure", departure, planner.zone());
        JourneyRequest request = new JourneyRequest(origin, destination, time, arriveBy,
                integer("maxTransfers", maxTransfers, JourneyRequest.DEFAULT_MAX_TRANSFERS),
                integer("maxWalkMeters", maxWalkMeters, JourneyRequest.DEFAULT_MAX_WALK_METERS),
                bool("wheelchair", wheelchair), integer("limit", limit, JourneyRequest.DEFAULT_LIMIT));
        return planner.plan(request);
    }

    static LatLon point(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(name, name + " is required as LAT,LON");
        }
        try {
            return LatLon.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(name, name + ": " + e.getMessage());
        }
    }

    static LocalDateTime time(String name, String value, ZoneId zone) {
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDateTime();
            } catch (DateTimeParseException e2) {
                throw new InvalidParameterException(name, name + " must be an ISO-8601 date-time such as 2016-11-15T08:00:00 "
                        + "(optionally with an offset), got '" + value + "'");
            }
        }
    }

    static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, name + " must be an integer, got '" + value + "'");
        }
    }

    static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidParameterException(name, name + " must be true or false, got '" + value + "'");
        };
    }
}
