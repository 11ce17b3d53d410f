package pl.kielce.traffic.console.review;

import org.springframework.stereotype.Service;
import pl.kielce.traffic.console.review.CaseRecords.Box;
import pl.kielce.traffic.console.review.CaseRecords.Candidate;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@code Violation} record (JSON from {@code ctz.violations}/{@code ctz.reviews}) into a case, idempotently
 * by id. Optional fields beyond the contract ({@code cameraId}, {@code confidence}, {@code candidates},
 * {@code plateBox}, {@code vehicle}) are kept when present. Never throws on bad input: returns the reason.
 */
@Service
public class CaseIngest {
    private final Cases cases;
    private final ObjectMapper json;

    CaseIngest(Cases cases, ObjectMapper json) {
        this.cases = cases;
        this.json = json;
    }

    /** Empty when stored; otherwise why the record was refused. */
    public Optional<String> accept(byte[] value) {
        Decoded<Violation> decoded = EventCodec.decode(value, Violation.class);
        if (!decoded.isOk()) {
            return Optional.of(decoded.reason());
        }
        Cases.Extras extras;
        try {
            extras = extras(json.readTree(value));
        } catch (RuntimeException e) {
            return Optional.of("invalid optional fields of Violation: " + e.getMessage());
        }
        cases.upsert(decoded.value(), extras);
        return Optional.empty();
    }

    private Cases.Extras extras(JsonNode n) {
        String camera = n.path("cameraId").isString() ? n.get("cameraId").asString() : null;
        Double confidence = n.path("confidence").isNumber() ? n.get("confidence").asDouble() : null;
        List<Candidate> candidates = null;
        if (n.path("candidates").isArray()) {
            candidates = new ArrayList<>();
            for (JsonNode c : n.get("candidates")) {
                String plate = c.has("plate") ? c.get("plate").asString() : c.path("text").asString();
                candidates.add(new Candidate(plate, c.path("confidence").asDouble()));
            }
        }
        Box box = null;
        JsonNode b = n.path("plateBox");
        if (b.isObject()) {
            box = new Box(b.path("x").asInt(), b.path("y").asInt(), b.path("width").asInt(), b.path("height").asInt());
        }
        String vehicle = n.path("vehicle").isObject() ? json.writeValueAsString(n.get("vehicle")) : null;
        return new Cases.Extras(camera, confidence, candidates, box, vehicle);
    }
}
