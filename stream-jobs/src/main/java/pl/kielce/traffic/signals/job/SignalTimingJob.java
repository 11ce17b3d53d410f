package pl.kielce.traffic.signals.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.Topics;
import org.apache.flink.util.function.SerializableSupplier;
import pl.kielce.traffic.flows.KafkaText;
import pl.kielce.traffic.signals.timing.TimingSettings;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.streams.LocalStack;
import pl.kielce.traffic.streams.RawRecord;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Signal-timing job: proposes better plans from recent flows; puts approved plans in force.
 *
 * <pre>
 * traffic.flows (raw) → decode-flows: ApproachFlow JSON → FlowSample (+ coordination group);
 *                        bad / unknown approach → deadletter (reason); unmodelled intersection → skipped (metric)
 * signals.plans.approved (raw) → decode-approvals: planId + intersectionId or → deadletter
 *   both keyBy group (corridor or intersection) → signal-timing (SignalTimingFunction: smoothing window, completed
 *   interval → SignalPlanner → threshold + hysteresis; approval → PlanValidator → plan in force)
 *     → PlanLogEntry ─┬→ PROPOSED only → signals.plans.proposed (key intersection; the console shows it)
 *                     └→ signal_plan_log (PostGIS, PROPOSED / APPLIED / REFUSED)
 *     refused approvals → deadletter (reason)
 * </pre>
 */
public final class SignalTimingJob {
    public static final String NAME = "signal-timing";
    public static final String GROUP_ID = "signal-timing";

    private final Source<RawRecord, ?, ?> flows;
    private final Source<RawRecord, ?, ?> approvals;
    private final Sink<DeadLetter> deadLetters;
    private final Sink<PlanLogEntry> proposalsTopic;
    private final Sink<PlanLogEntry> planLog;
    private final SignalModel.Source model;
    private final SignalJobSettings settings;
    private final SerializableSupplier<TimingSettings> timing;
    private final Clock clock;

    public SignalTimingJob(Source<RawRecord, ?, ?> flows, Source<RawRecord, ?, ?> approvals, Sink<DeadLetter> deadLetters,
                           Sink<PlanLogEntry> proposalsTopic, Sink<PlanLogEntry> planLog, SignalModel.Source model,
                           SignalJobSettings settings, SerializableSupplier<TimingSettings> timing, Clock clock) {
        this.flows = flows;
        this.approvals = approvals;
        this.deadLetters = deadLetters;
        this.proposalsTopic = proposalsTopic;
        this.planLog = planLog;
        this.model = model;
        this.settings = settings;
        this.timing = timing;
        this.clock = clock;
    }

    /** The production wiring on Kafka and PostGIS. */
    public static SignalTimingJob forKafkaAndPostgis(String kafka, String jdbcUrl, SignalModel.Source model,
                                                     SignalJobSettings settings) {
        return new SignalTimingJob(
                Kafka.rawSource(kafka, Topics.TRAFFIC_FLOWS, GROUP_ID),
                Kafka.rawSource(kafka, Topics.SIGNALS_PLANS_APPROVED, GROUP_ID),
                Kafka.deadLetterSink(kafka, Topics.DEAD_LETTER),
                proposalSink(kafka, Topics.SIGNALS_PLANS_PROPOSED),
                new PlanLogStore(jdbcUrl),
                model, settings, TimingSettings::defaults, Clock.systemUTC());
    }

    /** Proposal JSON as the value, intersection id as the key. */
    public static Sink<PlanLogEntry> proposalSink(String kafka, String topic) {
        return KafkaText.sink(kafka, topic, PlanLogEntry::intersectionId, PlanLogEntry::planJson);
    }

    /** For {@code LocalJobsMain} / {@code ClusterJobMain}: model {@code <city>/intersections.xml}, settings from env. */
    public static void addToLocalStack(StreamExecutionEnvironment env, LocalStack stack) {
        forKafkaAndPostgis(stack.kafkaBootstrap(), stack.jdbcUrl(),
                SignalModel.Source.read(Path.of(stack.cityDir(), "intersections.xml")),
                SignalJobSettings.fromEnvironment(System.getenv())).addTo(env);
    }

    /** Adds the pipeline; returns the plan-log entries (for tests and composition). */
    public DataStream<PlanLogEntry> addTo(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<FlowSample> samples = env
                .fromSource(flows, WatermarkStrategy.noWatermarks(), "traffic-flows-in").uid("signal-flows-in")
                .process(new DecodeFlows(model, clock)).name("decode-flows").uid("signal-decode-flows");
        SingleOutputStreamOperator<ApprovalRecord> approved = env
                .fromSource(approvals, WatermarkStrategy.noWatermarks(), "approved-plans-in").uid("signal-approved-in")
                .process(new DecodeApprovals(model, clock)).name("decode-approvals").uid("signal-decode-approvals");
        SingleOutputStreamOperator<PlanLogEntry> log = samples.keyBy(FlowSample::group)
                .connect(approved.keyBy(ApprovalRecord::group))
                .process(new SignalTimingFunction(model, settings, timing, clock))
                .name("signal-timing").uid("signal-timing");
        samples.getSideOutput(DecodeFlows.DEAD_LETTERS)
                .union(approved.getSideOutput(DecodeFlows.DEAD_LETTERS), log.getSideOutput(SignalTimingFunction.DEAD_LETTERS))
                .sinkTo(deadLetters).name("signal-dead-letters").uid("signal-dead-letters");
        log.filter(PlanLogEntry::isProposal).name("proposals-only").uid("signal-proposals-only")
                .sinkTo(proposalsTopic).name("proposed-plans-topic").uid("signal-proposed-topic");
        log.sinkTo(planLog).name("plan-log-store").uid("signal-plan-log");
        return log;
    }
}
