package pl.kielce.traffic.counts;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.PassageCount;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.streams.LocalStack;
import pl.kielce.traffic.streams.RawRecord;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Passages per camera per 5-minute event-time window.
 *
 * <pre>
 * reads (anpr.reads, raw bytes)
 *   → validate-reads: EventCodec; invalid → dead letters (anpr.reads.dlq, with reason); valid → Passage (plate dropped)
 *   → passage-watermarks: bounded out-of-orderness on capturedAt, with idleness
 *   → keyBy camera → 5-minute tumbling event-time window, incremental count
 *   → passage counts → counts.passages (Kafka) and passage_counts (PostGIS upsert)
 * </pre>
 *
 * Source and sinks come through the constructor: {@link #forKafkaAndPostgis} plugs in the real ones,
 * tests may plug in others. No plate leaves the validation operator.
 */
public final class PassageCountJob {
    public static final String NAME = "passage-counts";
    /** Kafka consumer group of the reads source. */
    public static final String GROUP_ID = "passage-counts";

    private final Source<RawRecord, ?, ?> reads;
    private final Sink<DeadLetter> deadLetters;
    private final Sink<PassageCount> countsTopic;
    private final Sink<PassageCount> countsStore;
    private final PassageCountSettings settings;
    private final Clock clock;

    public PassageCountJob(Source<RawRecord, ?, ?> reads, Sink<DeadLetter> deadLetters, Sink<PassageCount> countsTopic,
                           Sink<PassageCount> countsStore, PassageCountSettings settings, Clock clock) {
        this.reads = reads;
        this.deadLetters = deadLetters;
        this.countsTopic = countsTopic;
        this.countsStore = countsStore;
        this.settings = settings;
        this.clock = clock;
    }

    /** The production wiring: anpr.reads → anpr.reads.dlq, counts.passages and PostGIS. */
    public static PassageCountJob forKafkaAndPostgis(String kafkaBootstrap, String jdbcUrl, PassageCountSettings settings) {
        return new PassageCountJob(
                Kafka.rawSource(kafkaBootstrap, Topics.ANPR_READS, GROUP_ID),
                Kafka.deadLetterSink(kafkaBootstrap, Topics.ANPR_READS_DLQ),
                Kafka.jsonSink(kafkaBootstrap, Topics.COUNTS_PASSAGES, PassageCount::cameraId),
                new PassageCountStore(jdbcUrl),
                settings, Clock.systemUTC());
    }

    /** For {@code LocalJobsMain}. */
    public static void addToLocalStack(StreamExecutionEnvironment env, LocalStack stack) {
        forKafkaAndPostgis(stack.kafkaBootstrap(), stack.jdbcUrl(), PassageCountSettings.DEFAULTS).addTo(env);
    }

    /** Adds the pipeline to {@code env}; returns the stream of counts (for tests and composition). */
    public DataStream<PassageCount> addTo(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Passage> passages = env
                .fromSource(reads, WatermarkStrategy.noWatermarks(), "anpr-reads")
                .uid("anpr-reads")
                .process(new ValidateRead(clock))
                .name("validate-reads").uid("validate-reads");

        passages.getSideOutput(ValidateRead.DEAD_LETTERS)
                .sinkTo(deadLetters).name("dead-letters").uid("dead-letters");

        DataStream<PassageCount> counts = passages
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Passage>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner((passage, previous) -> passage.capturedAtEpochMs())
                        .withIdleness(settings.idleness()))
                .name("passage-watermarks").uid("passage-watermarks")
                .keyBy(Passage::cameraId)
                .window(TumblingEventTimeWindows.of(settings.window()))
                .allowedLateness(settings.allowedLateness())
                .aggregate(new CountPassages.Count(), new CountPassages.ToPassageCount())
                .name("count-per-camera-window").uid("count-per-camera-window");

        counts.sinkTo(countsTopic).name("passage-counts-topic").uid("passage-counts-topic");
        counts.sinkTo(countsStore).name("passage-counts-store").uid("passage-counts-store");
        return counts;
    }

    /**
     * {@code flink run -c pl.kielce.traffic.counts.PassageCountJob stream-jobs-*-job.jar --kafka host:9092
     * --jdbc jdbc:postgresql://db:5432/traffic?user=…} (defaults: env {@code TRAFFIC_KAFKA_BOOTSTRAP},
     * {@code TRAFFIC_JDBC_URL}, else the local stack's).
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        LocalStack defaults = LocalStack.fromEnvironment();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (env.getCheckpointConfig().getCheckpointInterval() <= 0) {
            env.enableCheckpointing(10_000);
        }
        forKafkaAndPostgis(options.getOrDefault("kafka", defaults.kafkaBootstrap()),
                options.getOrDefault("jdbc", defaults.jdbcUrl()), PassageCountSettings.DEFAULTS).addTo(env);
        env.execute(NAME);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --kafka <bootstrap> --jdbc <jdbc-url>; bad argument: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
