package pl.kielce.traffic.console.map;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import pl.kielce.traffic.console.security.ConsoleUser;
import pl.kielce.traffic.console.web.NotFound;
import tools.jackson.databind.JsonNode;

import java.util.List;

/** The live map's GeoJSON layers, the SSE stream and the alerts panel. */
@org.springframework.web.bind.annotation.RestController
class MapController {
    private final MapLayers layers;
    private final LiveFeed feed;
    private final Alerts alerts;

    MapController(MapLayers layers, LiveFeed feed, Alerts alerts) {
        this.layers = layers;
        this.feed = feed;
        this.alerts = alerts;
    }

    @GetMapping(value = "/api/map/layers/{name}", produces = "application/geo+json")
    JsonNode layer(@PathVariable String name) {
        return switch (name) {
            case "zones" -> layers.zones();
            case "cameras" -> layers.cameras();
            case "intersections" -> layers.intersections();
            case "vehicles" -> layers.vehicles();
            default -> throw new NotFound("no layer " + name + " (zones, cameras, intersections, vehicles)");
        };
    }

    @GetMapping(value = "/api/map/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return feed.subscribe();
    }

    @GetMapping("/api/alerts")
    List<Alerts.Alert> open() {
        return alerts.open(200);
    }

    /** Body {@code {"comment": "…"}} (optional). */
    record Ack(String comment) {
    }

    @PostMapping("/api/alerts/{id}/ack")
    List<Alerts.Alert> ack(@PathVariable String id, @RequestBody(required = false) Ack body,
                           @AuthenticationPrincipal ConsoleUser me) {
        if (id.length() > 120) {
            throw new pl.kielce.traffic.console.web.BadInput("id", "an alert id has at most 120 characters");
        }
        alerts.acknowledge(id, me.getUsername(), body == null ? null : body.comment());
        return alerts.open(200);
    }
}
