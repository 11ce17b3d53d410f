package pl.kielce.traffic.transit.simulation;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.transit.priority.PriorityRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code ./traffic transit requests}: prints transit signal priority requests as they arrive (one line each). */
@Command(name = "requests", mixinStandardHelpOptions = true,
        description = "Follow transit signal priority requests on signals.controller-requests")
public final class PriorityRequestsCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:59092")
    String bootstrapServers;

    @Option(names = "--from-beginning", description = "start at the beginning of the topic")
    boolean fromBeginning;

    @Option(names = "--max", defaultValue = "0", description = "stop after this many lines, 0 = never")
    int max;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds, 0 = never")
    int seconds;

    @Override
    public Integer call() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "transit-requests-tail-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        int lines = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(Topics.SIGNALS_CONTROLLER_REQUESTS));
            while (System.nanoTime() < deadline && (max == 0 || lines < max)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    System.out.println(describe(r.value()));
                    lines++;
                }
            }
        }
        return 0;
    }

    /** One line per request; other payloads on the topic are shown with the reason they are not one. */
    static String describe(byte[] value) {
        Decoded<PriorityRequest> d = PriorityRequest.fromJson(value);
        if (!d.isOk()) {
            return "OTHER " + d.reason();
        }
        PriorityRequest r = d.value();
        return String.format(Locale.ROOT, "TSP   %s (%s %d s) at %s %s (%s): vehicle %s route %s trip %s late %d s, %d m out,"
                        + " arrival %s (assumed %s +%d s) id %s",
                r.kind(), r.kind() == pl.kielce.traffic.signals.timing.TransitPriority.Kind.EXTEND_GREEN ? "by" : "earlier by",
                r.seconds(), r.intersectionId(), r.movementId(), r.approach(), r.vehicleId(), r.routeId(), r.tripId(),
                r.delaySeconds(), r.distanceToStopLineMeters(), Instant.ofEpochSecond(r.expectedArrivalEpochSeconds()),
                r.assumedStepId(), r.assumedStepElapsedSeconds(), r.requestId());
    }
}
