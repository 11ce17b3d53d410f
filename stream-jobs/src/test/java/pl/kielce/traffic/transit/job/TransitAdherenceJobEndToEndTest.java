package pl.kielce.traffic.transit.job;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.TransitFeeds;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;
import pl.kielce.traffic.transit.TinyNetwork;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.TinyNetwork.LAT;
import static pl.kielce.traffic.transit.TinyNetwork.at;

/**
 * The transit job on real parts: an in-process Kafka broker and a Flink MiniCluster at parallelism 2.
 * A delayed bus position on {@code transit.vehicle-positions} becomes a TripUpdate with the right delay on
 * {@code transit.trip-updates} (what the journey planner reads); a large delay becomes an alert; bytes that
 * are not GTFS-RT become a dead letter with the reason (those two on topics of this test).
 */
@ExtendWith(KafkaBrokerExtension.class)
class TransitAdherenceJobEndToEndTest {
    // the broker is shared by every test class of this JVM: alerts and dead letters go to topics of our own
    static final String ALERTS = "transit-e2e.traffic.alerts";
    static final String DEAD_LETTERS = "transit-e2e.deadletter";
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path gtfsDir;

    @Test
    void aDelayedBusBecomesATripUpdateOnTheTransitTopic() throws Exception {
        String kafka = KafkaBrokerExtension.bootstrapServers();
        KafkaBrokerExtension.createTopics(2, Topics.TRANSIT_VEHICLE_POSITIONS, Topics.TRANSIT_TRIP_UPDATES,
                ALERTS, DEAD_LETTERS);
        TransitAdherenceJob job = new TransitAdherenceJob(
                Kafka.rawSource(kafka, Topics.TRANSIT_VEHICLE_POSITIONS, "transit-e2e"),
                KafkaBytesSink.sink(kafka, Topics.TRANSIT_TRIP_UPDATES),
                KafkaBytesSink.sink(kafka, ALERTS),
                Kafka.deadLetterSink(kafka, DEAD_LETTERS),
                TinyNetwork.writeGtfs(gtfsDir).toString(), AdherenceSettings.DEFAULTS, Clock.systemUTC());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job.build(env);
        JobClient client = env.executeAsync("transit-adherence-e2e");
        try {
            KafkaBrokerExtension.sendAll(Topics.TRANSIT_VEHICLE_POSITIONS, List.of(
                    // bus-1 on T1 halfway B→C (lon 20.015) at 08:05:00; scheduled there 08:03:00 → 120 s late
                    Map.entry("bus-1", TinyNetwork.positionFeed("bus-1", "T1", "R1", LAT, 20.015, at("08:05:00"))
                            .toByteArray()),
                    Map.entry("junk", "this is not protobuf".getBytes(StandardCharsets.UTF_8)),
                    // bus-2 on T2 halfway B→C at 08:19:00; scheduled 08:13:00 → 360 s late ≥ 300 s threshold
                    Map.entry("bus-2", TinyNetwork.positionFeed("bus-2", "T2", "R1", LAT, 20.015, at("08:19:00"))
                            .toByteArray())));

            // next stop C: 120 − 0.05 × 60 s left on the run = 117 s; D: 117 − 0.05 × 120 = 111 s
            TripUpdate t1 = awaitTripUpdate(e -> e.getId().equals("T1:20261130"));
            assertThat(t1.getDelay()).isEqualTo(120);
            assertThat(t1.getVehicle().getId()).isEqualTo("bus-1");
            assertThat(t1.getStopTimeUpdateList()).extracting(u -> u.getStopId()).containsExactly("A", "B", "C", "D");
            assertThat(t1.getStopTimeUpdate(2).getArrival().getDelay()).isEqualTo(117);
            assertThat(t1.getStopTimeUpdate(2).getArrival().getTime()).isEqualTo(at("08:04:00") + 117);
            assertThat(t1.getStopTimeUpdate(3).getArrival().getDelay()).isEqualTo(111);

            String alert = awaitRecord(ALERTS, v -> v.contains("\"tripId\":\"T2\""));
            assertThat(alert).contains("\"kind\":\"TRANSIT_LARGE_DELAY\"").contains("\"delaySeconds\":360");

            String dead = awaitRecord(DEAD_LETTERS, v -> v.contains(Topics.TRANSIT_VEHICLE_POSITIONS));
            DeadLetter d = EventCodec.decode(dead.getBytes(StandardCharsets.UTF_8), DeadLetter.class).value();
            assertThat(d.reason()).contains("not a GTFS-Realtime FeedMessage");
            assertThat(new String(d.original(), StandardCharsets.UTF_8)).isEqualTo("this is not protobuf");
        } finally {
            client.cancel().get();
        }
    }

    private static TripUpdate awaitTripUpdate(Predicate<FeedEntity> which) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : KafkaBrokerExtension.consumeFor(Topics.TRANSIT_TRIP_UPDATES,
                    Duration.ofSeconds(2))) {
                Optional<FeedEntity> e = TransitFeeds.decodeTripUpdates(r.value()).value().getEntityList().stream()
                        .filter(which).findFirst();
                if (e.isPresent()) {
                    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.get().getId());
                    return e.get().getTripUpdate();
                }
            }
        }
        throw new AssertionError("no matching TripUpdate on " + Topics.TRANSIT_TRIP_UPDATES + " within 60 s");
    }

    private static String awaitRecord(String topic, Predicate<String> which) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : KafkaBrokerExtension.consumeFor(topic, Duration.ofSeconds(2))) {
                String v = new String(r.value(), StandardCharsets.UTF_8);
                if (which.test(v)) {
                    return v;
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within 60 s");
    }
}
