package pl.kielce.traffic.routing.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import pl.kielce.traffic.routing.graph.GraphLifecycle;
import pl.kielce.traffic.routing.graph.RoutingGraph;
import pl.kielce.traffic.routing.transit.realtime.GtfsRtUrlPoller;
import pl.kielce.traffic.routing.transit.realtime.KafkaTripUpdateSource;
import pl.kielce.traffic.routing.transit.scan.WalkSettings;

/**
 * Wiring: the graph lifecycle from {@code routing.osm} / {@code routing.gtfs}, real-time sources
 * ({@code routing.realtime.kafka.bootstrap-servers} and/or {@code routing.realtime.gtfs-rt-url}) started once the
 * graph is loaded, and the {@code routingGraph} health indicator that readiness includes.
 */
@Configuration
class RoutingConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    GraphLifecycle graphLifecycle(Environment env, Clock clock,
                                  @Value("${routing.osm}") String osm,
                                  @Value("${routing.gtfs}") String gtfs,
                                  @Value("${routing.graph-dir:${java.io.tmpdir}/traffic-routing-graph}") String graphDir,
                                  @Value("${routing.wheelchair.unknown-allowed:true}") boolean wheelchairUnknownAllowed,
                                  @Value("${routing.inputs.check-seconds:60}") long checkSeconds,
                                  @Value("${routing.realtime.kafka.bootstrap-servers:}") String kafka,
                                  @Value("${routing.realtime.kafka.topic:" + pl.kielce.traffic.events.Topics.TRANSIT_TRIP_UPDATES + "}") String topic,
                                  @Value("${routing.realtime.gtfs-rt-url:}") String gtfsRtUrl,
                                  @Value("${routing.realtime.poll-seconds:15}") long pollSeconds) {
        AtomicBoolean sourcesStarted = new AtomicBoolean();
        GraphLifecycle[] self = new GraphLifecycle[1];
        GraphLifecycle lifecycle = new GraphLifecycle(Path.of(osm), Path.of(gtfs), Path.of(graphDir),
                WalkSettings.from(env::getProperty), wheelchairUnknownAllowed, clock, loaded -> {
                    if (sourcesStarted.compareAndSet(false, true)) {
                        startRealtimeSources(self[0], kafka, topic, gtfsRtUrl, pollSeconds);
                    }
                });
        self[0] = lifecycle;
        lifecycle.start(checkSeconds);
        return lifecycle;
    }

    private static void startRealtimeSources(GraphLifecycle lifecycle, String kafka, String topic, String url, long pollSeconds) {
        java.util.function.Consumer<com.google.transit.realtime.GtfsRealtime.FeedMessage> sink =
                feed -> lifecycle.current().ifPresent(g -> g.realtime().submit(feed));
        if (!kafka.isBlank()) {
            LOG.info("GTFS-RT trip updates from Kafka {} topic {}", kafka, topic);
            new KafkaTripUpdateSource(kafka, topic, sink).start();
        }
        if (!url.isBlank()) {
            LOG.info("GTFS-RT trip updates from {} every {} s", url, pollSeconds);
            new GtfsRtUrlPoller(URI.create(url), sink).start(Duration.ofSeconds(pollSeconds));
        }
    }

    /** The access check, when a zone-policy city pack is configured. */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("routing.zone-policy.pack")
    pl.kielce.traffic.routing.access.AccessChecker accessChecker(Clock clock,
                                                                  @Value("${routing.zone-policy.pack}") String pack,
                                                                  @Value("${routing.zone-policy.register-csv:}") String registerCsv,
                                                                  @Value("${routing.park-and-ride:}") String parkAndRide) throws java.io.IOException {
        var policy = pl.kielce.traffic.ctz.policy.load.PolicyPacks.load(Path.of(pack));
        pl.kielce.traffic.ctz.policy.VehicleRegister register = plate -> java.util.Optional.empty();
        if (!registerCsv.isBlank()) {
            var loaded = pl.kielce.traffic.ctz.policy.register.InMemoryVehicleRegister.fromCsv(Path.of(registerCsv));
            if (!loaded.getValue().isEmpty()) {
                LOG.warn("vehicle register {}: {} rows rejected, first: {}", registerCsv, loaded.getValue().size(),
                        loaded.getValue().get(0).message());
            }
            register = loaded.getKey();
        }
        var sites = parkAndRide.isBlank() ? java.util.List.<pl.kielce.traffic.routing.access.ParkAndRide>of()
                : pl.kielce.traffic.routing.access.ParkAndRide.read(Path.of(parkAndRide));
        LOG.info("access check: policy {} v{}, {} park-and-ride sites", policy.id(), policy.version(), sites.size());
        return new pl.kielce.traffic.routing.access.AccessChecker(policy, register, sites, clock);
    }

    @Bean
    HealthIndicator routingGraph(GraphLifecycle lifecycle) {
        return () -> {
            var g = lifecycle.current();
            if (g.isPresent()) {
                RoutingGraph r = g.get();
                return Health.up().withDetail("stops", r.network().timetable().stopCount())
                        .withDetail("trips", r.network().timetable().tripCount())
                        .withDetail("realtimeVersion", r.network().realtime().version())
                        .withDetail("loadMillis", r.loadMillis()).build();
            }
            return Health.outOfService().withDetail("state", lifecycle.failure().map(f -> "failed: " + f).orElse("loading")).build();
        };
    }
}
