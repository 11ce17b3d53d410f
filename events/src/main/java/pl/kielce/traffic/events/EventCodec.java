package pl.kielce.traffic.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON encoding of the event records, with an explicit {@code schemaVersion} ({@code "<major>.<minor>"}).
 *
 * <p>Decoding never throws: it returns {@link Decoded} with the value or a reason naming the field.
 * A record whose major version is unknown is refused; a newer minor version of a known major is read
 * (unknown fields are ignored). Times are ISO-8601 strings; {@code OffsetDateTime} keeps its offset.
 * Thread-safe; all methods are static.
 */
public final class EventCodec {
    /** Name of the version field in every JSON event. */
    public static final String SCHEMA_VERSION_FIELD = "schemaVersion";

    /** Current schema version written for each event type. */
    public static final Map<Class<?>, String> SCHEMA_VERSIONS = Map.of(
            AnprRead.class, "1.0",
            DetectorCount.class, "1.0",
            PassageCount.class, "1.0",
            Violation.class, "1.0",
            EvidenceClaim.class, "1.0",
            DeadLetter.class, "1.0",
            TrafficAlert.class, "1.0");

    /** Longest payload decoded (1 MiB); larger ones are refused, not parsed. */
    public static final int MAX_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private EventCodec() {
    }

    /** JSON bytes (UTF-8) of {@code event}, with its schema version. */
    public static byte[] encode(Object event) {
        return encodeToString(event).getBytes(StandardCharsets.UTF_8);
    }

    /** JSON text of {@code event}, with its schema version. */
    public static String encodeToString(Object event) {
        String version = versionOf(event.getClass());
        ObjectNode node = MAPPER.createObjectNode();
        node.put(SCHEMA_VERSION_FIELD, version);
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** Decodes UTF-8 JSON bytes into {@code type}; never throws. */
    public static <T> Decoded<T> decode(byte[] bytes, Class<T> type) {
        if (type == null || !SCHEMA_VERSIONS.containsKey(type)) {
            return Decoded.failed("not an event type: " + (type == null ? "null" : type.getName()));
        }
        String name = type.getSimpleName();
        if (bytes == null || bytes.length == 0) {
            return Decoded.failed("empty payload, expected a JSON " + name);
        }
        if (bytes.length > MAX_BYTES) {
            return Decoded.failed("payload of " + bytes.length + " bytes exceeds " + MAX_BYTES + " bytes");
        }
        try {
            JsonNode tree;
            try {
                tree = MAPPER.readTree(bytes);
            } catch (JsonProcessingException e) {
                return Decoded.failed("malformed JSON for " + name + ": " + e.getOriginalMessage());
            }
            if (tree == null || !tree.isObject()) {
                return Decoded.failed("not a JSON object, expected a JSON " + name);
            }
            ObjectNode node = (ObjectNode) tree;
            JsonNode version = node.remove(SCHEMA_VERSION_FIELD);
            String versionProblem = checkVersion(version, type);
            if (versionProblem != null) {
                return Decoded.failed(versionProblem);
            }
            return Decoded.ok(MAPPER.treeToValue(node, type));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Decoded.failed("invalid " + name + ": " + cause.getMessage());
        } catch (JsonMappingException e) {
            return Decoded.failed("invalid " + name + fieldOf(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return Decoded.failed("malformed JSON for " + name + ": " + e.getOriginalMessage());
        } catch (Exception e) { // never throw into a job
            return Decoded.failed("cannot decode " + name + ": " + e);
        }
    }

    /** Decodes a JSON string; see {@link #decode(byte[], Class)}. */
    public static <T> Decoded<T> decode(String json, Class<T> type) {
        return decode(json == null ? null : json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Current schema version for {@code type}; throws for a type that is not an event. */
    public static String versionOf(Class<?> type) {
        String version = SCHEMA_VERSIONS.get(type);
        if (version == null) {
            throw new IllegalArgumentException("not an event type: " + type.getName()
                    + " (known: " + SCHEMA_VERSIONS.keySet().stream().map(Class::getSimpleName)
                    .sorted().collect(Collectors.joining(", ")) + ")");
        }
        return version;
    }

    private static String checkVersion(JsonNode version, Class<?> type) {
        String name = type.getSimpleName();
        if (version == null || version.isNull()) {
            return "missing " + SCHEMA_VERSION_FIELD + " for " + name;
        }
        if (!version.isTextual()) {
            return SCHEMA_VERSION_FIELD + " must be a string like \"1.0\", was " + version;
        }
        String text = version.asText();
        int dot = text.indexOf('.');
        String major = dot < 0 ? text : text.substring(0, dot);
        String supported = versionOf(type);
        String supportedMajor = supported.substring(0, supported.indexOf('.'));
        if (!major.matches("\\d+") || (dot >= 0 && !text.substring(dot + 1).matches("\\d+"))) {
            return SCHEMA_VERSION_FIELD + " must look like \"<major>.<minor>\", was \"" + text + "\"";
        }
        if (!major.equals(supportedMajor)) {
            return "unsupported " + SCHEMA_VERSION_FIELD + " " + text + " for " + name
                    + " (this reader supports major version " + supportedMajor + ")";
        }
        return null;
    }

    private static String fieldOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "" : " field '" + path + "'";
    }
}
