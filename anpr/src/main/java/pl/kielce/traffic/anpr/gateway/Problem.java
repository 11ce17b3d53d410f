package pl.kielce.traffic.anpr.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An RFC 9457 problem detail: HTTP status, a short title, the reason, and the offending field when there is one. */
public record Problem(int status, String title, String detail, String field) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson(String instance) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "about:blank");
        n.put("title", title);
        n.put("status", status);
        n.put("detail", detail);
        if (field != null) {
            n.put("field", field);
        }
        n.put("instance", instance);
        return n.toString();
    }
}
