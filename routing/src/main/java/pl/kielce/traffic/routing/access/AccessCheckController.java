package pl.kielce.traffic.routing.access;

import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import pl.kielce.traffic.routing.graph.GraphLifecycle;
import pl.kielce.traffic.routing.graph.RoutingGraph;
import pl.kielce.traffic.routing.journeys.NotReadyException;

/** {@code POST /api/access-check}: zone decision and, when entry is not allowed, car → park-and-ride → transit. */
@RestController
class AccessCheckController {
    private final GraphLifecycle graph;
    private final Optional<AccessChecker> checker;

    AccessCheckController(GraphLifecycle graph, Optional<AccessChecker> checker) {
        this.graph = graph;
        this.checker = checker;
    }

    @Operation(summary = "May this vehicle enter the zone at the destination — and if not, the best way in",
            description = "Decision by the zone policy (stage in force, rule, explanation). If entry is not allowed: a car route "
                    + "avoiding the zone polygon to the nearest park-and-ride sites outside it and the combined car → park-and-ride → "
                    + "public transport itinerary. The plate is used only for the register lookup and is never stored or logged.")
    @ApiResponse(responseCode = "200", description = "decision and routes")
    @ApiResponse(responseCode = "400", description = "a field is malformed; `parameter` names it")
    @ApiResponse(responseCode = "422", description = "origin or destination outside the network")
    @ApiResponse(responseCode = "503", description = "graph loading, or no zone policy configured (routing.zone-policy.pack)")
    @PostMapping(path = "/api/access-check", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    AccessCheckResult check(@RequestBody(required = false) AccessCheckRequest request) {
        RoutingGraph g = graph.current().orElseThrow(() -> new NotReadyException("the routing graph is still loading"));
        AccessChecker c = checker.orElseThrow(() -> new NotReadyException(
                "no zone policy configured: set routing.zone-policy.pack (a city pack folder, e.g. cities/kielce)"));
        return c.check(request, g);
    }
}
