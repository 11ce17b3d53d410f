package pl.kielce.traffic.ctz.enforcement;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.events.Decoded;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Policy updates on topic {@code policy.updates}: a whole policy pack as JSON,
 * {@code {"schemaVersion":"1.0","files":{"policy.yaml":"…","zones.geojson":"…","cameras.geojson":"…"}}}.
 * The job validates an update before broadcasting it (a bad pack goes to the dead-letter topic and the
 * running policy stays); operators keep the latest pack in broadcast state under {@link #STATE_KEY}.
 */
public final class PolicyUpdates {
    public static final String SCHEMA_VERSION = "1.0";
    /** Broadcast state: {@link #STATE_KEY} → the pack JSON. */
    public static final MapStateDescriptor<String, String> STATE =
            new MapStateDescriptor<>("ctz-policy-pack", Types.STRING, Types.STRING);
    public static final String STATE_KEY = "pack";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyUpdates() {
    }

    /** The update message for a pack (file name → text). */
    public static byte[] encode(Map<String, String> files) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode f = root.putObject("files");
        new TreeMap<>(files).forEach(f::put);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The pack's files from an update message, or the reason it is not one. Never throws. */
    public static Decoded<Map<String, String>> decodeFiles(byte[] bytes) {
        if (bytes == null || bytes.length == 0) return Decoded.failed("empty policy update");
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) return Decoded.failed("policy update is not a JSON object");
            JsonNode v = root.get("schemaVersion");
            if (v == null || !v.isTextual() || !v.asText().startsWith("1.")) {
                return Decoded.failed("policy update needs schemaVersion \"1.x\", was " + v);
            }
            JsonNode files = root.get("files");
            if (files == null || !files.isObject() || files.isEmpty()) {
                return Decoded.failed("policy update needs a non-empty object 'files' (file name → text)");
            }
            Map<String, String> m = JSON.convertValue(files, new TypeReference<TreeMap<String, String>>() { });
            return Decoded.ok(m);
        } catch (Exception e) {
            return Decoded.failed("malformed policy update: " + e.getMessage());
        }
    }

    /** Validates an update: the pack JSON (canonical) when the pack loads, else the loader's problems. */
    public static Decoded<String> validate(byte[] bytes) {
        Decoded<Map<String, String>> files = decodeFiles(bytes);
        if (!files.isOk()) return Decoded.failed(files.reason());
        try {
            PolicyPacks.fromStrings(files.value());
        } catch (RuntimeException e) {
            return Decoded.failed("policy pack refused: " + e.getMessage());
        }
        return Decoded.ok(new String(encode(files.value()), StandardCharsets.UTF_8));
    }

    /** Builds the policy of a pack JSON (as validated); throws when it does not load. */
    public static Policy build(String packJson) {
        return PolicyPacks.fromStrings(decodeFiles(packJson.getBytes(StandardCharsets.UTF_8)).value());
    }

    /**
     * The policy an operator decides with: the broadcast pack when one arrived, else the pack the job started
     * with. Rebuilt only when the pack text changes. Not thread-safe (one per operator instance).
     */
    static final class Current {
        private final String initialPackJson;
        private String builtFrom;
        private Policy policy;

        Current(String initialPackJson) {
            this.initialPackJson = initialPackJson;
        }

        Policy get(String broadcastPackJson) {
            String json = broadcastPackJson != null ? broadcastPackJson : initialPackJson;
            if (policy == null || !json.equals(builtFrom)) {
                policy = build(json);
                builtFrom = json;
            }
            return policy;
        }
    }
}
