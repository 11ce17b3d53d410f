package pl.kielce.traffic.transit.simulation;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.TransitFeeds;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code ./traffic transit tail}: prints TripUpdates and transit alerts as they arrive (one line each). */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follow transit.trip-updates and transit alerts on traffic.alerts")
public final class TailCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:59092")
    String bootstrapServers;

    @Option(names = "--from-beginning", description = "start at the beginning of the topics")
    boolean fromBeginning;

    @Option(names = "--max", defaultValue = "0", description = "stop after this many lines, 0 = never")
    int max;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds, 0 = never")
    int seconds;

    @Override
    public Integer call() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "transit-tail-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        int lines = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(Topics.TRANSIT_TRIP_UPDATES, Topics.TRAFFIC_ALERTS));
            while (System.nanoTime() < deadline && (max == 0 || lines < max)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    String line = describe(r);
                    if (line != null) {
                        System.out.println(line);
                        lines++;
                    }
                }
            }
        }
        return 0;
    }

    static String describe(ConsumerRecord<byte[], byte[]> r) {
        if (r.topic().equals(Topics.TRAFFIC_ALERTS)) {
            String json = new String(r.value(), StandardCharsets.UTF_8);
            return json.contains("\"source\":\"transit\"") ? "ALERT " + json : null;
        }
        Decoded<FeedMessage> feed = TransitFeeds.decodeTripUpdates(r.value());
        if (!feed.isOk()) {
            return "BAD   " + feed.reason();
        }
        StringBuilder b = new StringBuilder();
        for (FeedEntity e : feed.value().getEntityList()) {
            TripUpdate tu = e.getTripUpdate();
            b.append(String.format("TRIP  %s route %s vehicle %s delay %+d s at %s", tu.getTrip().getTripId(),
                    tu.getTrip().getRouteId(), tu.getVehicle().getId(), tu.getDelay(),
                    Instant.ofEpochSecond(tu.getTimestamp())));
            if (tu.getStopTimeUpdateCount() > 0) {
                var next = tu.getStopTimeUpdateList().stream()
                        .filter(u -> u.getArrival().getTime() >= tu.getTimestamp()).findFirst()
                        .orElse(tu.getStopTimeUpdate(tu.getStopTimeUpdateCount() - 1));
                var last = tu.getStopTimeUpdate(tu.getStopTimeUpdateCount() - 1);
                b.append(String.format("; next stop %s %+d s; last stop %s %+d s", next.getStopId(),
                        next.getArrival().getDelay(), last.getStopId(), last.getArrival().getDelay()));
            }
        }
        return b.toString();
    }
}
