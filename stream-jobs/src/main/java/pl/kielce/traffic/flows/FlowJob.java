package pl.kielce.traffic.flows;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.streams.LocalStack;
import pl.kielce.traffic.streams.RawRecord;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Flow, occupancy and degree of saturation per approach per interval (5 min), with congestion and silence alerts.
 *
 * <pre>
 * traffic.detector-counts + counts.passages (raw bytes)
 *   → decode-observations: EventCodec; invalid → deadletter (with reason); valid → Observation (no plate exists)
 *   ├→ keyBy device → silence (processing-time timer) → SILENT_DETECTOR / SILENT_CAMERA alerts
 *   └→ watermarks (bounded out-of-orderness, idleness) → keyBy approach → tumbling event-time interval, sums
 *        → ApproachFlow → traffic.flows (key intersection) + traffic_flows (PostGIS upsert)
 *        → keyBy approach → congestion (N consecutive intervals above x) → CONGESTION alerts
 *   alerts → traffic.alerts
 * </pre>
 * Sources and sinks come through the constructor: {@link #forKafkaAndPostgis} plugs in the real ones.
 */
public final class FlowJob {
    public static final String NAME = "traffic-flows";
    public static final String GROUP_ID = "traffic-flows";

    private final Source<RawRecord, ?, ?> detectorCounts;
    private final Source<RawRecord, ?, ?> passageCounts;
    private final Sink<DeadLetter> deadLetters;
    private final Sink<ApproachFlow> flowsTopic;
    private final Sink<ApproachFlow> flowsStore;
    private final Sink<FlowAlert> alerts;
    private final FlowSettings settings;
    private final ApproachCapacities capacities;
    private final CameraApproaches cameras;
    private final Clock clock;

    public FlowJob(Source<RawRecord, ?, ?> detectorCounts, Source<RawRecord, ?, ?> passageCounts,
                   Sink<DeadLetter> deadLetters, Sink<ApproachFlow> flowsTopic, Sink<ApproachFlow> flowsStore,
                   Sink<FlowAlert> alerts, FlowSettings settings, ApproachCapacities capacities,
                   CameraApproaches cameras, Clock clock) {
        this.detectorCounts = detectorCounts;
        this.passageCounts = passageCounts;
        this.deadLetters = deadLetters;
        this.flowsTopic = flowsTopic;
        this.flowsStore = flowsStore;
        this.alerts = alerts;
        this.settings = settings;
        this.capacities = capacities;
        this.cameras = cameras;
        this.clock = clock;
    }

    /** The production wiring on Kafka and PostGIS. */
    public static FlowJob forKafkaAndPostgis(String kafka, String jdbcUrl, FlowSettings settings,
                                             ApproachCapacities capacities, CameraApproaches cameras) {
        return new FlowJob(
                Kafka.rawSource(kafka, Topics.TRAFFIC_DETECTOR_COUNTS, GROUP_ID),
                Kafka.rawSource(kafka, Topics.COUNTS_PASSAGES, GROUP_ID),
                Kafka.deadLetterSink(kafka, Topics.DEAD_LETTER),
                KafkaText.sink(kafka, Topics.TRAFFIC_FLOWS, ApproachFlow::intersectionId, ApproachFlow::toJson),
                new FlowStore(jdbcUrl),
                KafkaText.sink(kafka, Topics.TRAFFIC_ALERTS, FlowAlert::key, FlowAlert::toJson),
                settings, capacities, cameras, Clock.systemUTC());
    }

    /**
     * For {@code LocalJobsMain}: capacities from the city's intersection model ({@code stack.cityDir()}/intersections.xml),
     * settings from the environment ({@link FlowSettings#fromEnvironment}).
     */
    public static void addToLocalStack(StreamExecutionEnvironment env, LocalStack stack) {
        FlowSettings settings = FlowSettings.fromEnvironment(System.getenv());
        forKafkaAndPostgis(stack.kafkaBootstrap(), stack.jdbcUrl(), settings,
                CityModel.capacities(Path.of(stack.cityDir()), settings), CameraApproaches.NONE).addTo(env);
    }

    /** Adds the pipeline; returns the flows (for tests and composition). */
    public DataStream<ApproachFlow> addTo(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Observation> fromDetectors = env
                .fromSource(detectorCounts, WatermarkStrategy.noWatermarks(), "detector-counts").uid("detector-counts")
                .process(new DecodeObservations(Observation.DETECTORS, settings, cameras, clock))
                .name("decode-detector-counts").uid("decode-detector-counts");
        SingleOutputStreamOperator<Observation> fromCameras = env
                .fromSource(passageCounts, WatermarkStrategy.noWatermarks(), "passage-counts").uid("passage-counts-in")
                .process(new DecodeObservations(Observation.CAMERA, settings, cameras, clock))
                .name("decode-passage-counts").uid("decode-passage-counts");
        fromDetectors.getSideOutput(DecodeObservations.DEAD_LETTERS)
                .union(fromCameras.getSideOutput(DecodeObservations.DEAD_LETTERS))
                .sinkTo(deadLetters).name("flow-dead-letters").uid("flow-dead-letters");
        DataStream<Observation> observations = fromDetectors.union(fromCameras);

        DataStream<FlowAlert> silence = observations
                .keyBy(Observation::sourceKey)
                .process(new SilenceFunction(settings))
                .name("silent-devices").uid("silent-devices");

        DataStream<ApproachFlow> flows = observations
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Observation>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner((o, previous) -> o.startEpochMs())
                        .withIdleness(settings.idleness()))
                .name("observation-watermarks").uid("observation-watermarks")
                .keyBy(Observation::approachKey)
                .window(TumblingEventTimeWindows.of(settings.interval()))
                .allowedLateness(settings.allowedLateness())
                .aggregate(new AggregateFlow.Sum(), new AggregateFlow.ToFlow(capacities))
                .name("flow-per-approach-interval").uid("flow-per-approach-interval");

        flows.sinkTo(flowsTopic).name("flows-topic").uid("flows-topic");
        flows.sinkTo(flowsStore).name("flows-store").uid("flows-store");

        DataStream<FlowAlert> congestion = flows
                .keyBy(ApproachFlow::approachKey)
                .process(new CongestionFunction(settings))
                .name("congestion").uid("congestion");
        congestion.union(silence).sinkTo(alerts).name("flow-alerts").uid("flow-alerts");
        return flows;
    }

    /**
     * {@code flink run -c pl.kielce.traffic.flows.FlowJob job.jar --kafka host:9092 --jdbc jdbc:postgresql://…
     * --city-dir cities/kielce} (defaults: {@code TRAFFIC_KAFKA_BOOTSTRAP}, {@code TRAFFIC_JDBC_URL}, {@code TRAFFIC_CITY_DIR}).
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        LocalStack defaults = LocalStack.fromEnvironment();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (env.getCheckpointConfig().getCheckpointInterval() <= 0) {
            env.enableCheckpointing(10_000);
        }
        FlowSettings settings = FlowSettings.fromEnvironment(System.getenv());
        forKafkaAndPostgis(options.getOrDefault("kafka", defaults.kafkaBootstrap()),
                options.getOrDefault("jdbc", defaults.jdbcUrl()), settings,
                CityModel.capacities(Path.of(options.getOrDefault("city-dir", defaults.cityDir())), settings),
                CameraApproaches.NONE).addTo(env);
        env.execute(NAME);
    }
}
