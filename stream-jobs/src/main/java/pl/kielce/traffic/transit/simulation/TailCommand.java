package pl.kielce.traffic.transit.simulation;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.KafkaTail;
import pl.kielce.traffic.events.TransitFeeds;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./traffic transit tail}: prints TripUpdates and transit alerts as they arrive (one line each). */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follow transit.trip-updates and transit alerts on traffic.alerts")
public final class TailCommand implements Callable<Integer> {
    @Mixin
    KafkaTail tail;

    @Override
    public Integer call() {
        tail.follow("transit-tail-", List.of(Topics.TRANSIT_TRIP_UPDATES, Topics.TRAFFIC_ALERTS), TailCommand::describe);
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
