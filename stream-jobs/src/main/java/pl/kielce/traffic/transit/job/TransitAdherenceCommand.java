package pl.kielce.traffic.transit.job;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.streams.TopicSetup;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.priority.TransitPrioritySettings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** Command line of {@link TransitAdherenceJob}: Kafka in and out, the GTFS path and the alert settings. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Flink job: GTFS-RT vehicle positions -> schedule adherence -> GTFS-RT TripUpdates + alerts "
                + "(+ transit signal priority requests)")
public final class TransitAdherenceCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "localhost:59092", description = "Kafka (default ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--gtfs", required = true, description = "GTFS zip or folder the positions refer to")
    String gtfs;

    @Option(names = "--group-id", defaultValue = "transit-adherence", description = "Kafka consumer group")
    String groupId;

    @Option(names = "--large-delay-seconds", defaultValue = "300", description = "large-delay alert threshold (default ${DEFAULT-VALUE})")
    int largeDelaySeconds;

    @Option(names = "--bunching-fraction", defaultValue = "0.25",
            description = "bunching when the headway is below this share of the scheduled one (default ${DEFAULT-VALUE})")
    double bunchingFraction;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    @Option(names = "--intersections",
            description = "city intersection model for transit signal priority (default: env TRAFFIC_SIGNALS_INTERSECTIONS, "
                    + "else $TRAFFIC_ROOT/cities/kielce/intersections.xml when present; 'none' = no priority)")
    String intersections;

    @Option(names = "--priority-min-lateness-seconds", defaultValue = "120",
            description = "a bus at least this late may ask signal priority (default ${DEFAULT-VALUE})")
    int priorityMinLatenessSeconds;

    @Option(names = "--priority-cooldown-seconds", defaultValue = "120",
            description = "at most one priority request per intersection within this time (default ${DEFAULT-VALUE})")
    int priorityCooldownSeconds;

    @Override
    public Integer call() throws Exception {
        // the Kafka source fails (and the job with it) when its topic does not exist yet: create what is missing
        TopicSetup.ensure(bootstrapServers, 2, List.of(Topics.TRANSIT_VEHICLE_POSITIONS, Topics.TRANSIT_TRIP_UPDATES,
                Topics.TRAFFIC_ALERTS, Topics.deadLetterFor(Topics.TRANSIT_VEHICLE_POSITIONS),
                Topics.SIGNALS_CONTROLLER_REQUESTS), Duration.ofSeconds(60));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        PriorityConfig priority = priorityConfig(intersections, System.getenv(), TransitPrioritySettings.DEFAULTS
                .withMinLatenessSeconds(priorityMinLatenessSeconds).withCooldownSeconds(priorityCooldownSeconds));
        System.err.println(priority == null ? "transit signal priority: off (no intersection model)"
                : "transit signal priority: " + priority.junctions().junctions().size() + " junctions of "
                + priority.intersectionsPath() + (priority.junctions().skipped().isEmpty() ? ""
                : "; left out: " + priority.junctions().skipped()));
        create(bootstrapServers, gtfs, groupId,
                AdherenceSettings.DEFAULTS.withLargeDelaySeconds(largeDelaySeconds).withBunchingHeadwayFraction(bunchingFraction),
                priority)
                .build(env);
        env.execute(TransitAdherenceJob.NAME);
        return 0;
    }

    /** The job wired to Kafka: positions in (committed offsets, else earliest); trip updates, alerts and dead letters out. */
    public static TransitAdherenceJob create(String bootstrapServers, String gtfsPath, String groupId,
                                             AdherenceSettings settings) {
        return create(bootstrapServers, gtfsPath, groupId, settings, null);
    }

    /** As above, plus transit signal priority requests on {@code signals.controller-requests} when {@code priority} is set. */
    public static TransitAdherenceJob create(String bootstrapServers, String gtfsPath, String groupId,
                                             AdherenceSettings settings, PriorityConfig priority) {
        return new TransitAdherenceJob(
                Kafka.rawSource(bootstrapServers, Topics.TRANSIT_VEHICLE_POSITIONS, groupId),
                KafkaBytesSink.sink(bootstrapServers, Topics.TRANSIT_TRIP_UPDATES),
                KafkaBytesSink.sink(bootstrapServers, Topics.TRAFFIC_ALERTS),
                Kafka.deadLetterSink(bootstrapServers, Topics.deadLetterFor(Topics.TRANSIT_VEHICLE_POSITIONS)),
                gtfsPath, settings, Clock.systemUTC(), priority,
                priority == null ? null : KafkaBytesSink.sink(bootstrapServers, Topics.SIGNALS_CONTROLLER_REQUESTS));
    }

    /**
     * Transit signal priority settings: the model named by {@code option}, else env {@code TRAFFIC_SIGNALS_INTERSECTIONS},
     * else {@code $TRAFFIC_ROOT/cities/kielce/intersections.xml} (or {@code ./cities/…}) when it exists; null = off
     * ("none", or no model found). A named file that does not exist is an error.
     */
    public static PriorityConfig priorityConfig(String option, java.util.Map<String, String> env,
                                                TransitPrioritySettings settings) {
        String named = option != null ? option : env.get("TRAFFIC_SIGNALS_INTERSECTIONS");
        if (named != null && !named.isBlank()) {
            if (named.equals("none")) {
                return null;
            }
            java.nio.file.Path p = java.nio.file.Path.of(named).toAbsolutePath();
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw new IllegalArgumentException("intersection model not found: " + p);
            }
            return new PriorityConfig(p.toString(), settings);
        }
        java.nio.file.Path p = java.nio.file.Path.of(env.getOrDefault("TRAFFIC_ROOT", "."), "cities", "kielce",
                "intersections.xml").toAbsolutePath().normalize();
        return java.nio.file.Files.isRegularFile(p) ? new PriorityConfig(p.toString(), settings) : null;
    }
}
