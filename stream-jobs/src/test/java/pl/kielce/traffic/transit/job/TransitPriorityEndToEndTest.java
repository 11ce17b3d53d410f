package pl.kielce.traffic.transit.job;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.TransitFeeds;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;
import pl.kielce.traffic.signals.timing.TransitPriority;
import pl.kielce.traffic.transit.KielceTspNetwork;
import pl.kielce.traffic.transit.TinyNetwork;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.priority.PriorityRequest;
import pl.kielce.traffic.transit.priority.TransitPrioritySettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.KielceTspNetwork.at;

/**
 * Transit signal priority on real parts: an in-process Kafka broker, a Flink MiniCluster at parallelism 2, the
 * real Kielce intersection model. Two simulated buses drive westbound along al. IX Wieków Kielc towards
 * KI-IXW-SOLID ({@link KielceTspNetwork}), reporting GTFS-RT positions 220, 150, 80 and 45 m before the centre
 * at 7 m/s, each time while the junction's fixed-time plan is in the stage where their movement E-T is red:
 * bus-7 on trip K1 about 300 s late, bus-8 on trip K2 on time. Exactly one request reaches
 * {@code signals.controller-requests}: bus-7's early green; bus-8 gets none.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TransitPriorityEndToEndTest {
    // positions, trip updates, alerts and dead letters on topics of this test (the broker is shared by the test JVM)
    static final String POSITIONS = "tsp-e2e.transit.vehicle-positions";
    static final String TRIP_UPDATES = "tsp-e2e.transit.trip-updates";
    static final String ALERTS = "tsp-e2e.traffic.alerts";
    static final String DEAD_LETTERS = "tsp-e2e.deadletter";
    static final double[] METRES_BEFORE_CENTRE = {220, 150, 80, 45};
    /** seconds relative to the observation 80 m out: 7 m/s */
    static final int[] OFFSETS = {-20, -10, 0, 5};

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path gtfsDir;

    @Test
    void aLateBusApproachingAKielceJunctionBecomesOnePriorityRequestAndAnOnTimeBusNone() throws Exception {
        KielceTspNetwork net = new KielceTspNetwork();
        // bus-7 (K1, leaves EAST 10:00:00) is 80 m out ~5 min late; bus-8 (K2) on time at the same point of a later cycle
        int late80 = net.secondOfDayIntoRedStage(10 * 3600 + 400, 1);
        int onTime80 = net.secondOfDayIntoRedStage(late80 + 400, 1);
        int k2Departure = (int) Math.round(onTime80 - net.scheduledSecondsAt(80));
        net.writeGtfs(gtfsDir, k2Departure);

        String kafka = KafkaBrokerExtension.bootstrapServers();
        KafkaBrokerExtension.createTopics(2, POSITIONS, TRIP_UPDATES, ALERTS, DEAD_LETTERS, Topics.SIGNALS_CONTROLLER_REQUESTS);
        TransitAdherenceJob job = new TransitAdherenceJob(
                Kafka.rawSource(kafka, POSITIONS, "tsp-e2e"),
                KafkaBytesSink.sink(kafka, TRIP_UPDATES),
                KafkaBytesSink.sink(kafka, ALERTS),
                Kafka.deadLetterSink(kafka, DEAD_LETTERS),
                gtfsDir.toString(), AdherenceSettings.DEFAULTS, Clock.systemUTC(),
                new PriorityConfig(net.intersectionsFile.toString(), TransitPrioritySettings.DEFAULTS),
                KafkaBytesSink.sink(kafka, Topics.SIGNALS_CONTROLLER_REQUESTS));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job.build(env);
        JobClient client = env.executeAsync("transit-priority-e2e");
        try {
            List<Map.Entry<String, byte[]>> positions = new ArrayList<>();
            for (int i = 0; i < METRES_BEFORE_CENTRE.length; i++) {
                double[] p = net.east(METRES_BEFORE_CENTRE[i]);
                positions.add(Map.entry("bus-7", TinyNetwork.positionFeed("bus-7", "K1", "KR", p[0], p[1],
                        at(late80 + OFFSETS[i])).toByteArray()));
                positions.add(Map.entry("bus-8", TinyNetwork.positionFeed("bus-8", "K2", "KR", p[0], p[1],
                        at(onTime80 + OFFSETS[i])).toByteArray()));
            }
            KafkaBrokerExtension.sendAll(POSITIONS, positions);

            List<PriorityRequest> mine = awaitRequests(1);
            PriorityRequest r = mine.get(0);
            assertThat(r.vehicleId()).isEqualTo("bus-7");
            assertThat(r.tripId()).isEqualTo("K1");
            assertThat(r.intersectionId()).isEqualTo(KielceTspNetwork.JUNCTION);
            assertThat(r.movementId()).isEqualTo(KielceTspNetwork.MOVEMENT);
            assertThat(r.approach()).endsWith("from east");
            assertThat(r.kind()).isEqualTo(TransitPriority.Kind.EARLY_GREEN);
            assertThat(r.seconds()).isBetween(1, 15);
            // the adherence delay: observed − scheduled at that point (10:00:00 + 108.6 s), a few minutes
            assertThat((double) r.delaySeconds()).isCloseTo(late80 - 36000 - net.scheduledSecondsAt(80),
                    org.assertj.core.api.Assertions.within(2.0)).isGreaterThan(120);
            assertThat(r.observedAtEpochSeconds()).isEqualTo(at(late80)); // 80 m out: the first position with a heading
            assertThat(r.requestId()).isEqualTo(PriorityRequest.requestIdOf(KielceTspNetwork.JUNCTION,
                    KielceTspNetwork.MOVEMENT, "K1", "2026-11-30", "bus-7"));

            // every position has gone through the adherence operator (bus-8's last TripUpdate is out); then a little
            // more time for the two priority operators behind it: still exactly one request, none for bus-8
            awaitTripUpdateAt("K2:20261130", at(onTime80 + OFFSETS[OFFSETS.length - 1]));
            assertThat(requestsOfThisTest(Duration.ofSeconds(5))).hasSize(1);
        } finally {
            client.cancel().get();
        }
    }

    /** Requests of this test's vehicles on the controller topic (other tests of the JVM may write there too). */
    private static List<PriorityRequest> requestsOfThisTest(Duration wait) {
        List<PriorityRequest> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> rec : KafkaBrokerExtension.consumeFor(Topics.SIGNALS_CONTROLLER_REQUESTS, wait)) {
            var d = PriorityRequest.fromJson(rec.value());
            if (d.isOk() && d.value().tripId().startsWith("K") && d.value().vehicleId().matches("bus-[78]")) {
                assertThat(new String(rec.key(), StandardCharsets.UTF_8)).isEqualTo(d.value().intersectionId());
                out.add(d.value());
            }
        }
        return out;
    }

    private static List<PriorityRequest> awaitRequests(int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            List<PriorityRequest> got = requestsOfThisTest(Duration.ofSeconds(2));
            if (got.size() >= atLeast) {
                return got;
            }
        }
        throw new AssertionError("no priority request on " + Topics.SIGNALS_CONTROLLER_REQUESTS + " within 90 s");
    }

    private static void awaitTripUpdateAt(String entityId, long epochSeconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : KafkaBrokerExtension.consumeFor(TRIP_UPDATES, Duration.ofSeconds(2))) {
                for (FeedEntity e : TransitFeeds.decodeTripUpdates(r.value()).value().getEntityList()) {
                    if (e.getId().equals(entityId) && e.getTripUpdate().getTimestamp() == epochSeconds) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no TripUpdate of " + entityId + " at " + epochSeconds + " within 60 s");
    }
}
