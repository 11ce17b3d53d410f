package pl.kielce.traffic.transit.job;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.streams.TopicSetup;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** Command line of {@link TransitAdherenceJob}: Kafka in and out, the GTFS path and the alert settings. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Flink job: GTFS-RT vehicle positions -> schedule adherence -> GTFS-RT TripUpdates + alerts")
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

    @Override
    public Integer call() throws Exception {
        // the Kafka source fails (and the job with it) when its topic does not exist yet: create what is missing
        TopicSetup.ensure(bootstrapServers, 2, List.of(Topics.TRANSIT_VEHICLE_POSITIONS, Topics.TRANSIT_TRIP_UPDATES,
                Topics.TRAFFIC_ALERTS, Topics.deadLetterFor(Topics.TRANSIT_VEHICLE_POSITIONS)), Duration.ofSeconds(60));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        create(bootstrapServers, gtfs, groupId,
                AdherenceSettings.DEFAULTS.withLargeDelaySeconds(largeDelaySeconds).withBunchingHeadwayFraction(bunchingFraction))
                .build(env);
        env.execute(TransitAdherenceJob.NAME);
        return 0;
    }

    /** The job wired to Kafka: positions in (committed offsets, else earliest); trip updates, alerts and dead letters out. */
    public static TransitAdherenceJob create(String bootstrapServers, String gtfsPath, String groupId,
                                             AdherenceSettings settings) {
        return new TransitAdherenceJob(
                Kafka.rawSource(bootstrapServers, Topics.TRANSIT_VEHICLE_POSITIONS, groupId),
                KafkaBytesSink.sink(bootstrapServers, Topics.TRANSIT_TRIP_UPDATES),
                KafkaBytesSink.sink(bootstrapServers, Topics.TRAFFIC_ALERTS),
                Kafka.deadLetterSink(bootstrapServers, Topics.deadLetterFor(Topics.TRANSIT_VEHICLE_POSITIONS)),
                gtfsPath, settings, Clock.systemUTC());
    }
}
