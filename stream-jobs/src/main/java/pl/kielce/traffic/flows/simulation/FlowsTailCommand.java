package pl.kielce.traffic.flows.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code ./traffic flows tail}: one line per flow on {@code traffic.flows} and per flow-job alert on {@code traffic.alerts}. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follow traffic.flows and the flow job's alerts on traffic.alerts")
public final class FlowsTailCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:59092")
    String bootstrapServers;

    @Option(names = "--from-beginning", description = "start at the beginning of the topics")
    boolean fromBeginning;

    @Option(names = "--alerts-only", description = "only alerts")
    boolean alertsOnly;

    @Option(names = "--max", defaultValue = "0", description = "stop after this many lines, 0 = never")
    int max;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds, 0 = never")
    int seconds;

    @Override
    public Integer call() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "flows-tail-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        int lines = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(alertsOnly ? List.of(Topics.TRAFFIC_ALERTS) : List.of(Topics.TRAFFIC_FLOWS, Topics.TRAFFIC_ALERTS));
            while (System.nanoTime() < deadline && (max == 0 || lines < max)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    String line = describe(r.topic(), r.value());
                    if (line != null) {
                        System.out.println(line);
                        lines++;
                    }
                }
            }
        }
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
