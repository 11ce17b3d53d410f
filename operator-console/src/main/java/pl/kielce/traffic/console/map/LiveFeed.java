package pl.kielce.traffic.console.map;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-sent events for the live map: every {@code console.map.push-interval} (default 5 s) one {@code update}
 * event with camera counts, vehicles,
 * intersections (plan in force, pending proposal, latest approach flows) and open alerts. Only built when someone is listening.
 */
@Component
public class LiveFeed {
    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final MapLayers layers;
    private final Alerts alerts;
    private final ObjectMapper json;

    LiveFeed(MapLayers layers, Alerts alerts, ObjectMapper json) {
        this.layers = layers;
        this.alerts = alerts;
        this.json = json;
    }

    public SseEmitter subscribe() {
        SseEmitter e = new SseEmitter(30 * 60_000L);
        emitters.add(e);
        e.onCompletion(() -> emitters.remove(e));
        e.onTimeout(() -> emitters.remove(e));
        e.onError(t -> emitters.remove(e));
        send(e, snapshot());
        return e;
    }

    @Scheduled(fixedDelayString = "${console.map.push-interval:PT5S}")
    public void push() {
        if (emitters.isEmpty()) {
            return;
        }
        String data = snapshot();
        emitters.forEach(e -> send(e, data));
    }

    String snapshot() {
        ObjectNode n = json.createObjectNode();
        n.set("cameras", layers.cameras());
        n.set("vehicles", layers.vehicles());
        n.set("intersections", layers.intersections());
        n.set("alerts", json.valueToTree(alerts.open(100)));
        return json.writeValueAsString(n);
    }

    private void send(SseEmitter e, String data) {
        try {
            e.send(SseEmitter.event().name("update").data(data));
        } catch (IOException | IllegalStateException ex) {
            emitters.remove(e);
        }
    }
}
