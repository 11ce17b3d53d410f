package pl.kielce.traffic.flows.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.KafkaTail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./traffic flows tail}: one line per flow on {@code traffic.flows} and per flow-job alert on {@code traffic.alerts}. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follow traffic.flows and the flow job's alerts on traffic.alerts")
public final class FlowsTailCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    KafkaTail tail;

    @Option(names = "--alerts-only", description = "only alerts")
    boolean alertsOnly;

    @Override
    public Integer call() {
        tail.follow("flows-tail-", alertsOnly ? List.of(Topics.TRAFFIC_ALERTS)
                : List.of(Topics.TRAFFIC_FLOWS, Topics.TRAFFIC_ALERTS), r -> describe(r.topic(), r.value()));
        return 0;
    }

    /** The line for one record, or null for records that are not the flow job's. */
    static String describe(String topic, byte[] value) {
        JsonNode n;
        try {
            n = JSON.readTree(value);
        } catch (java.io.IOException e) {
            return "BAD   " + new String(value, StandardCharsets.UTF_8);
        }
        if (Topics.TRAFFIC_ALERTS.equals(topic)) {
            return "flows".equals(n.path("source").asText()) ? String.format(Locale.ROOT, "ALERT %-15s %s  %s",
                    n.path("kind").asText(), n.path("observedAt").asText(), n.path("message").asText()) : null;
        }
        return String.format(Locale.ROOT, "FLOW  %s–%s  %s | %s: %d veh, %.0f veh/h, x=%.2f, occupancy %s (%d %s)",
                n.path("intervalStart").asText().replaceFirst(".*T", ""),
                n.path("intervalEnd").asText().replaceFirst(".*T", ""), n.path("intersectionId").asText(),
                n.path("approach").asText(), n.path("vehicles").asLong(), n.path("flowVehPerHour").asDouble(),
                n.path("degreeOfSaturation").asDouble(),
                n.path("occupancy").isNumber() ? String.format(Locale.ROOT, "%.2f", n.path("occupancy").asDouble()) : "-",
                n.path("reportingSources").asInt(), n.path("source").asText());
    }
}
