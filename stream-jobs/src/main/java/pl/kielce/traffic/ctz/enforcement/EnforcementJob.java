package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.streams.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.LocalStack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The CTZ enforcement job: camera reads in, decisions out.
 *
 * <pre>
 * anpr.reads ─ decode ─ watermarks ─ batches ─ register (async I/O, cache) ─ keyBy(plate) ─ passages + decide + daily cases ─┬─ Kafka (exactly once):
 *                 │                                                                           │   ▲                      │   ctz.violations, ctz.reviews,
 *                 └─ dead letters ───────────────────────────────────────────────────────────┘   └─ policy.updates      │   evidence.claims, anpr.reads.dlq
 *                                                                                                    (broadcast)          ├─ PostGIS ctz_cases (idempotent by id)
 *                                                                                                                         └─ counters (no plate) ─ PostGIS ctz_decision_counts
 *
 * One keyed stage and one network hop: the register is asked (mostly answered from its cache) before the reads are
 * grouped by plate, so passages, decisions and daily cases share one operator (open passages in one table per
 * subtask, cases and occasional days as keyed state).
 * </pre>
 *
 * Sources, sinks, the register client, the initial policy and the clock are injected: {@link #addToLocalStack}
 * plugs in the real ones, tests their own.
 */
public final class EnforcementJob {
    /** Dead letters (invalid reads, late reads, refused policy updates) as Kafka records. */
    public static final OutputTag<RawRecord> DEAD_LETTERS = new OutputTag<>("ctz-dead-letters") { };
    /** Writes to the console's case table. */
    public static final OutputTag<CaseRow> CASE_ROWS = new OutputTag<>("ctz-case-rows") { };
    /** Plate-free counters. */
    public static final OutputTag<DecisionCount> COUNTS = new OutputTag<>("ctz-counts") { };
    /** Occasional entries used, for the register. */
    public static final OutputTag<OccasionalEntry> OCCASIONAL_ENTRIES = new OutputTag<>("ctz-occasional-entries") { };

    /** Reads per register batch, and how long (ms) a batch waits for more before it goes on. */
    static final int READS_PER_BATCH = 128;
    static final long BATCH_LINGER_MILLIS = 2;

    private final Source<RawRecord, ?, ?> reads;
    private final Source<RawRecord, ?, ?> policyUpdates;
    private final PolicyBootstrap policyBootstrap;
    private final Sink<RawRecord> kafkaOut;
    private final Sink<CaseRow> caseSink;
    private final Sink<DecisionCount> countSink;
    private final Sink<OccasionalEntry> occasionalSink;
    private final RegisterClient.Factory register;
    private final String initialPackJson;
    private final EnforcementSettings settings;
    private final Clock clock;

    /**
     * @param reads           {@code anpr.reads} records
     * @param policyUpdates   {@code policy.updates} records (from the topic's beginning), or null for a fixed policy
     * @param policyBootstrap reads the same topic to its end when a deciding operator starts without a policy in its
     *                        state, so no read is decided before the published policy is known; required with
     *                        {@code policyUpdates}
     * @param kafkaOut        every Kafka record the job writes (topic in the record); exactly-once in production
     * @param caseSink        case rows for the console
     * @param countSink       aggregate counters
     * @param occasionalSink  occasional entries used (the register's table)
     * @param register        the registers
     * @param initialPackJson the policy pack the job starts with ({@link PolicyUpdates#encode} of its files)
     */
    public EnforcementJob(Source<RawRecord, ?, ?> reads, Source<RawRecord, ?, ?> policyUpdates, PolicyBootstrap policyBootstrap,
                          Sink<RawRecord> kafkaOut,
                          Sink<CaseRow> caseSink, Sink<DecisionCount> countSink, Sink<OccasionalEntry> occasionalSink,
                          RegisterClient.Factory register,
                          String initialPackJson, EnforcementSettings settings, Clock clock) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.policyUpdates = policyUpdates;
        if (policyUpdates != null && policyBootstrap == null) {
            throw new IllegalArgumentException("policyBootstrap is required with policyUpdates: without it the first reads "
                    + "would be decided with the shipped pack before the published one is read");
        }
        this.policyBootstrap = policyBootstrap == null ? PolicyBootstrap.NONE : policyBootstrap;
        this.kafkaOut = Objects.requireNonNull(kafkaOut, "kafkaOut");
        this.caseSink = Objects.requireNonNull(caseSink, "caseSink");
        this.countSink = Objects.requireNonNull(countSink, "countSink");
        this.occasionalSink = Objects.requireNonNull(occasionalSink, "occasionalSink");
        this.register = Objects.requireNonNull(register, "register");
        this.initialPackJson = Objects.requireNonNull(initialPackJson, "initialPackJson");
        PolicyUpdates.build(initialPackJson); // fail fast on a bad pack, before the job starts
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds the job's pipeline to {@code env}. */
    public void addTo(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse(); // no function here mutates or keeps its input
        SingleOutputStreamOperator<PlateRead> decoded = env
                .fromSource(reads, WatermarkStrategy.noWatermarks(), "anpr-reads").uid("ctz-anpr-reads")
                .process(new DecodeReads(clock)).name("decode-reads").uid("ctz-decode-reads");
        DataStream<PlateRead> timed = decoded.assignTimestampsAndWatermarks(WatermarkStrategy
                        .<PlateRead>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner((r, ts) -> r.capturedAtMillis())
                        .withIdleness(settings.sourceIdleness()))
                .name("capture-time-watermarks").uid("ctz-watermarks");

        SingleOutputStreamOperator<PolicyPack> packs = policyStream(env);
        // the policy input must not hold back event time in the operators it is connected to
        BroadcastStream<PolicyPack> policy = packs
                .assignTimestampsAndWatermarks(WatermarkStrategy.<PolicyPack>forGenerator(ctx -> new NoTimeGenerator<>()))
                .name("policy-without-event-time").uid("ctz-policy-no-event-time").setParallelism(1)
                .broadcast(PolicyUpdates.STATE);

        // batches: the async operator hands each element's result back through the mailbox, so once per batch
        DataStream<ReadBatch> batches = timed
                .transform("batch-reads", TypeInformation.of(ReadBatch.class), new ReadBatcher(READS_PER_BATCH, BATCH_LINGER_MILLIS))
                .uid("ctz-batch-reads");
        // timeout 0 = no Flink timer per element: RegisterEnrichment gives each lookup a deadline and retries itself,
        // so the reads answered from its cache (most of them) cost no timer at all
        DataStream<EnrichedRead> enriched = AsyncDataStream.orderedWait(batches,
                        new RegisterEnrichment(register, settings), 0L, TimeUnit.MILLISECONDS,
                        Math.max(2, settings.asyncCapacity() / READS_PER_BATCH))
                .name("register-enrichment").uid("ctz-register-enrichment");

        SingleOutputStreamOperator<RawRecord> decided = enriched
                .keyBy(EnrichedRead::plate)
                .connect(policy)
                .process(new EnforceFunction(initialPackJson, policyBootstrap, settings, clock)).name("passages-decide-cases")
                .uid("ctz-passages-decide-cases");

        decided.union(decoded.getSideOutput(DEAD_LETTERS), decided.getSideOutput(DEAD_LETTERS), packs.getSideOutput(DEAD_LETTERS))
                .sinkTo(kafkaOut).name("kafka-out").uid("ctz-kafka-out");
        decided.getSideOutput(CASE_ROWS).sinkTo(caseSink).name("postgis-cases").uid("ctz-postgis-cases");
        decided.getSideOutput(OCCASIONAL_ENTRIES).sinkTo(occasionalSink).name("postgis-occasional-entries")
                .uid("ctz-postgis-occasional-entries");
        decided.getSideOutput(COUNTS)
                // summed per cell inside the subtask first: one record per cell and checkpoint, not one per passage
                .transform("pre-aggregate-counts", TypeInformation.of(DecisionCount.class), new CountPreAggregator(10_000))
                .uid("ctz-pre-aggregate-counts")
                .keyBy(DecisionCount::cell)
                .process(new CountFunction(settings)).name("count-decisions").uid("ctz-count-decisions")
                .sinkTo(countSink).name("postgis-counts").uid("ctz-postgis-counts");
    }

    private SingleOutputStreamOperator<PolicyPack> policyStream(StreamExecutionEnvironment env) {
        DataStream<RawRecord> updates = policyUpdates == null
                ? env.fromData(Types.POJO(RawRecord.class)).setParallelism(1)
                : env.fromSource(policyUpdates, WatermarkStrategy.noWatermarks(), "policy-updates")
                .uid("ctz-policy-updates").setParallelism(1);
        SingleOutputStreamOperator<PolicyPack> validated = updates.process(new ValidatePolicyUpdates(clock))
                .name("validate-policy-updates").uid("ctz-validate-policy").setParallelism(1);
        return validated;
    }

    /**
     * Policy updates carry no event time: their input is marked idle, so the operators it is connected to take event
     * time from the reads alone. (Not a watermark of Long.MAX_VALUE: while the reads are idle — a quiet night, cameras
     * starting after the job — that watermark became the operators' own, and every later read was late.)
     */
    static final class NoTimeGenerator<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    /** The pack JSON of a city pack directory. */
    public static String packJson(Path dir) {
        return new String(PolicyUpdates.encode(PolicyPacks.readDir(dir)), StandardCharsets.UTF_8);
    }

    /** The job on the local stack (demo): real Kafka, PostGIS, the city pack in {@code stack.cityDir()}. */
    public static void addToLocalStack(StreamExecutionEnvironment env, LocalStack stack) {
        forStack(stack, EnforcementSettings.DEFAULTS, "ctz-enforcement").addTo(env);
    }

    static EnforcementJob forStack(LocalStack stack, EnforcementSettings settings, String name) {
        return new EnforcementJob(
                KafkaIo.source(stack.kafkaBootstrap(), Topics.ANPR_READS, name),
                KafkaIo.policySource(stack.kafkaBootstrap(), Topics.POLICY_UPDATES, name + "-policy"),
                PolicyBootstrap.kafka(stack.kafkaBootstrap(), Topics.POLICY_UPDATES, java.time.Duration.ofSeconds(60)),
                KafkaIo.exactlyOnceSink(stack.kafkaBootstrap(), name),
                JdbcSinks.cases(stack.jdbcUrl()),
                JdbcSinks.counts(stack.jdbcUrl()),
                JdbcSinks.occasionalEntries(stack.jdbcUrl()),
                JdbcRegisterClient.factory(stack.jdbcUrl(), 2),
                packJson(Path.of(stack.cityDir())),
                settings,
                Clock.systemUTC());
    }
}
