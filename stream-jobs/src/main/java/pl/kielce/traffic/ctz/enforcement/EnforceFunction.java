package pl.kielce.traffic.ctz.enforcement;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import pl.kielce.traffic.ctz.policy.Decision;
import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.Outcome;
import pl.kielce.traffic.ctz.policy.PassageFacts;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.Stage;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.EvidenceClaim;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.Violation;
import pl.kielce.traffic.streams.RawRecord;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job's one keyed stage (keyed by plate): groups reads into passages, decides each passage with the current
 * policy (broadcast state) and applies the daily charge rule.
 *
 * <ul>
 *   <li><b>Passages</b>: reads of one plate by cameras of one zone within {@link EnforcementSettings#passageWindow()} of
 *   the passage's first read are one passage. The first read is decided at once (the decision does not wait for the
 *   window); further reads are attached to the passage's case, if it has one (up to
 *   {@link EnforcementSettings#evidenceReadsPerPassage()} reads per passage), and otherwise leave nothing.</li>
 *   <li><b>Daily charge</b>: at most one case (VIOLATION or REVIEW) per vehicle per zone per local day in the policy's
 *   time zone; later passages that day are attached to it as evidence.</li>
 *   <li><b>Late rule</b>: a read more than {@link EnforcementSettings#allowedLateness()} behind the watermark is not
 *   decided: it goes to the dead-letter topic (plate removed) and is counted.</li>
 *   <li><b>Privacy</b>: ALLOWED and EXEMPT passages leave nothing but a plate-free counter
 *   ({@link EnforcementJob#COUNTS}) and, while the passage is open, its entry in {@link OpenPassages} (no output, no
 *   log, no keyed state).</li>
 * </ul>
 * Outputs: Kafka records (violations, reviews, evidence claims) on the main output; case-table rows
 * ({@link EnforcementJob#CASE_ROWS}), counters and occasional entries used as side outputs.
 *
 * <p>State: the subtask's open passages ({@link OpenPassages}: a table of primitives in memory, one byte array in union operator
 * state at a checkpoint, restored by key group) with <em>one</em> event-time timer for all of them, at the oldest
 * one's expiry; and, only for plates with a case or an occasional-entry day, one {@link PlateState} in keyed state
 * with at most one timer, at the earliest expiry of its entries. Each timer drops what expired and re-arms for the
 * rest, so nothing outlives the plate's last passage, case or occasional day. (Passages were keyed state with a timer
 * per plate until 2026-11-29: the heap backend copied and wrote every plate's entry and timer at every checkpoint,
 * and the timers were re-registered for every passage — a third of the job's CPU.)
 */
public final class EnforceFunction extends KeyedBroadcastProcessFunction<String, EnrichedRead, PolicyPack, RawRecord>
        implements CheckpointedFunction {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Cases and occasional days per plate ("plate-days": the value of "plate" also held passages until 2026-11-29). */
    static final ValueStateDescriptor<PlateState> STATE =
            new ValueStateDescriptor<>("plate-days", TypeInformation.of(PlateState.class));
    static final ListStateDescriptor<byte[]> OPEN_PASSAGES =
            new ListStateDescriptor<>("open-passages", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    private final PolicyHolder policyHolder;
    private final long windowMillis;
    private final long allowedLatenessMillis;
    private final long cacheTtlMillis;
    private final int evidenceReadsPerPassage;
    private final Clock clock;

    private transient ValueState<PlateState> state;
    private transient OpenPassages passages;
    private transient ListState<byte[]> passagesState;
    /** The event time of the one timer that expires open passages, {@link Long#MIN_VALUE} when none is set. */
    private transient long sweepAtMillis;
    private transient ZoneKeys zoneKeys;
    private transient Map<Outcome, Counter> decisions;
    private transient Counter opened;
    private transient Counter attached;
    private transient Counter evidenceSkipped;
    private transient Counter lateReads;
    private transient Counter deadLetters;
    private transient Histogram endToEndMs;

    public EnforceFunction(String initialPackJson, EnforcementSettings settings, Clock clock) {
        this(initialPackJson, PolicyBootstrap.NONE, settings, clock);
    }

    /**
     * @param initialPackJson the shipped pack: the policy when neither the broadcast state nor the policy topic has one
     * @param bootstrap       reads the policy topic to its end before the first read is processed (fresh start)
     */
    public EnforceFunction(String initialPackJson, PolicyBootstrap bootstrap, EnforcementSettings settings, Clock clock) {
        this.policyHolder = new PolicyHolder(initialPackJson, bootstrap);
        this.windowMillis = settings.passageWindow().toMillis();
        this.allowedLatenessMillis = settings.allowedLateness().toMillis();
        this.cacheTtlMillis = settings.cacheTtl().toMillis();
        this.evidenceReadsPerPassage = settings.evidenceReadsPerPassage();
        this.clock = clock;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(STATE);
        zoneKeys = new ZoneKeys();
        if (passages == null) passages = new OpenPassages(); // initializeState did not run (plain function tests)
        sweepAtMillis = Long.MIN_VALUE;
        MetricGroup g = getRuntimeContext().getMetricGroup();
        decisions = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) decisions.put(o, g.addGroup("outcome", o.name()).counter(Metrics.DECISIONS));
        opened = g.counter(Metrics.CASES_OPENED);
        attached = g.counter(Metrics.CASES_ATTACHED);
        evidenceSkipped = g.counter(Metrics.EVIDENCE_READS_SKIPPED);
        lateReads = g.counter(Metrics.LATE_READS);
        deadLetters = g.counter(Metrics.DEAD_LETTERS);
        g.gauge(Metrics.OPEN_PASSAGES, () -> passages.size());
        endToEndMs = g.histogram(Metrics.END_TO_END_LATENCY_MS, new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public void processElement(EnrichedRead e, ReadOnlyContext ctx, Collector<RawRecord> out) throws Exception {
        PlateRead read = e.read();
        long at = read.capturedAtMillis();
        long watermark = ctx.currentWatermark();
        if (watermark != Long.MIN_VALUE && at < watermark - allowedLatenessMillis) {
            lateReads.inc();
            deadLetters.inc();
            ctx.output(EnforcementJob.DEAD_LETTERS, DeadLetters.late(read, watermark, allowedLatenessMillis, clock.instant()));
            return;
        }
        if (LongTable.plateCode(read.plate()) <= 0) { // cannot happen: both decoders enforce the contract's form
            deadLetters.inc();
            ctx.output(EnforcementJob.DEAD_LETTERS, DeadLetters.redacted(read, "plate not in the contract's form [A-Z0-9]{1,12}; "
                    + "not decided (plate removed)", clock.instant()));
            return;
        }
        passages.expireUpTo(watermark); // what the timers would have dropped by now
        Policy p = policyHolder.get(ctx.getBroadcastState(PolicyUpdates.STATE));
        String zoneKey = zoneKeys.of(p, read.cameraId(), at);
        int open = passages.find(read.plate(), zoneKey);
        if (open >= 0 && Math.abs(at - passages.firstSeenMillis(open)) <= windowMillis) {
            if (!passages.hasCase(open)) return; // a further read of an ALLOWED/EXEMPT passage: nothing is kept
            if (passages.evidenceReads(open) < evidenceReadsPerPassage) {
                attach(passages.caseId(open), read, ctx, out);
                passages.countEvidenceRead(open, read.plate(), zoneKey);
            } else {
                evidenceSkipped.inc(); // enough of this passage: the image is not claimed, the gateway deletes it
            }
            return;
        }

        PlateState before = state.value();
        if (before == null) before = PlateState.EMPTY;
        PlateState s = before;
        List<LocalDate> used = new ArrayList<>(s.occasionalDays().size());
        for (PlateState.UsedDay d : s.occasionalDays()) used.add(LocalDate.parse(d.isoDay()));
        PassageDecision d = decide(p, read, zoneKey, e.answer(), used, zoneKeys.day(), zoneKeys.dayEnd());
        long dayExpiry = d.dayEnd().toEpochMilli() + allowedLatenessMillis;
        if (d.decision().consumesOccasionalEntry()) {
            // kept until the register has it: written at a checkpoint that day, seen once a cached answer has expired
            s = s.withOccasionalDay(new PlateState.UsedDay(d.localDay().toString(), dayExpiry + cacheTtlMillis));
            ctx.output(EnforcementJob.OCCASIONAL_ENTRIES, new OccasionalEntry(read.plate(), d.localDay().toString()));
        }
        decisions.get(d.outcome()).inc();
        endToEndMs.update(Math.max(0, clock.millis() - at));
        ctx.output(EnforcementJob.COUNTS, count(read, d));

        String caseId = null;
        if (d.needsCase()) {
            String dayKey = d.zoneId() + '|' + d.localDay();
            PlateState.DayCase existing = s.dayCase(dayKey);
            if (existing != null) {
                caseId = existing.caseId();
                attach(caseId, read, ctx, out);
            } else {
                caseId = PassageDecision.caseId(d.policyId(), read.plate(), read.country(), d.zoneId(), d.localDay());
                s = s.withCase(new PlateState.DayCase(dayKey, caseId, dayExpiry));
                openCase(caseId, read, d, ctx, out);
            }
        }
        passages.open(read.plate(), zoneKey, at, at + windowMillis, caseId, caseId == null ? 0 : 1);
        armSweep(ctx.timerService());
        if (s == before) return; // no new case and no occasional day: nothing to keep by plate
        long next = s.nextExpiryMillis();
        if (s.timerAtMillis() == Long.MIN_VALUE || next < s.timerAtMillis()) { // one timer per plate, at the earliest expiry
            if (s.timerAtMillis() != Long.MIN_VALUE) ctx.timerService().deleteEventTimeTimer(s.timerAtMillis());
            ctx.timerService().registerEventTimeTimer(next);
            s = s.withTimer(next);
        }
        state.update(s);
    }

    /**
     * Keeps one event-time timer for all open passages — at the oldest one's expiry, under the key of the read being
     * processed — so passages expire when event time passes even if no read comes.
     */
    private void armSweep(TimerService timers) {
        if (sweepAtMillis != Long.MIN_VALUE) return;
        long next = passages.nextExpiryMillis();
        if (next == Long.MAX_VALUE) return;
        timers.registerEventTimeTimer(next);
        sweepAtMillis = next;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RawRecord> out) throws Exception {
        passages.expireUpTo(timestamp);
        if (timestamp >= sweepAtMillis) { // timers fire in time order: the sweep timer is this one or has fired
            sweepAtMillis = Long.MIN_VALUE;
            armSweep(ctx.timerService());
        }
        PlateState s = state.value();
        if (s == null || timestamp < s.timerAtMillis()) return; // the sweep timer of a plate whose own timer is later
        PlateState left = s.expiredAt(timestamp);
        if (left.isEmpty()) {
            state.clear();
            return;
        }
        long next = left.nextExpiryMillis();
        ctx.timerService().registerEventTimeTimer(next);
        state.update(left.withTimer(next));
    }

    /** The decision about a passage's first read (pure apart from the policy it is given). */
    static PassageDecision decide(Policy p, PlateRead r, String zoneKey, RegisterAnswer answer, List<LocalDate> occasionalDaysUsed) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(r.capturedAtMillis()), p.timeZone());
        return decide(p, r, zoneKey, answer, occasionalDaysUsed, day, day.plusDays(1).atStartOfDay(p.timeZone()).toInstant());
    }

    /** {@link #decide(Policy, PlateRead, String, RegisterAnswer, List)} with the read's local day and its end known. */
    static PassageDecision decide(Policy p, PlateRead r, String zoneKey, RegisterAnswer answer, List<LocalDate> occasionalDaysUsed,
                                  LocalDate day, Instant dayEnd) {
        VehicleFacts v = answer.available() ? answer.facts() : null;
        Exemptions ex = answer.available()
                ? (answer.exemptions() == null ? PlateExemptions.NONE : answer.exemptions()).toExemptions(r.plate(), occasionalDaysUsed)
                : Exemptions.none();
        PassageFacts facts = new PassageFacts(r.cameraId(), r.plate(), r.country(), r.confidence(), null);
        Decision d = p.decide(facts, v, ex, Instant.ofEpochMilli(r.capturedAtMillis()));
        return PassageDecision.of(d, answer, zoneKey, day, dayEnd);
    }

    /** The zone a camera enforces at {@code atMillis} under the stage then in force, else {@code camera:<id>}. */
    static String zoneKey(Policy policy, String cameraId, long atMillis) {
        Optional<Stage> stage = policy.stageAt(Instant.ofEpochMilli(atMillis));
        if (stage.isPresent()) {
            Optional<String> zone = policy.cameraZone(cameraId, stage.get().id());
            if (zone.isPresent()) return zone.get();
        }
        return "camera:" + cameraId;
    }

    /**
     * {@link #zoneKey} per camera, remembered for the policy and the local day in force (stages change at midnight in
     * the policy's time zone): a read costs a range check and a map lookup instead of a time-zone conversion, a stage
     * search and a string concatenation — and reads of one camera share one key instance. The local day and its end
     * serve the passage's decision too (two time-zone conversions per passage less).
     */
    static final class ZoneKeys {
        /** Unknown camera ids come from reads: more than this many in a day and the map starts over. */
        private static final int MAX_CAMERAS = 10_000;
        private final Map<String, String> byCamera = new java.util.HashMap<>();
        private Policy policy;
        private long dayStartMillis = Long.MAX_VALUE;
        private long dayEndMillis = Long.MIN_VALUE;
        private LocalDate day;
        private Instant dayEnd;

        String of(Policy p, String cameraId, long atMillis) {
            if (p != policy || atMillis < dayStartMillis || atMillis >= dayEndMillis || byCamera.size() >= MAX_CAMERAS) {
                day = LocalDate.ofInstant(Instant.ofEpochMilli(atMillis), p.timeZone());
                dayStartMillis = day.atStartOfDay(p.timeZone()).toInstant().toEpochMilli();
                dayEnd = day.plusDays(1).atStartOfDay(p.timeZone()).toInstant();
                dayEndMillis = dayEnd.toEpochMilli();
                policy = p;
                byCamera.clear();
            }
            String key = byCamera.get(cameraId);
            if (key == null) {
                key = zoneKey(p, cameraId, atMillis);
                byCamera.put(cameraId, key);
            }
            return key;
        }

        /** The local day (policy's time zone) of the time last given to {@link #of}. */
        LocalDate day() {
            return day;
        }

        /** When {@link #day()} ends. */
        Instant dayEnd() {
            return dayEnd;
        }
    }

    private void openCase(String caseId, PlateRead read, PassageDecision d, ReadOnlyContext ctx, Collector<RawRecord> out) {
        List<String> evidence = read.evidenceRef() == null ? List.of() : List.of(read.evidenceRef());
        Violation v = new Violation(caseId, d.outcome() == Outcome.VIOLATION ? Violation.Kind.VIOLATION : Violation.Kind.REVIEW,
                read.plate(), read.country(), d.zoneId(), d.stageId(), d.policyId(), d.policyVersion(), d.reason(),
                d.explanation(), Instant.ofEpochMilli(read.capturedAtMillis()), List.of(read.readId()), evidence, clock.instant());
        byte[] json = EventCodec.encode(v);
        out.collect(RawRecord.out(v.topic(), read.plate().getBytes(StandardCharsets.UTF_8), json));
        for (String ref : evidence) claim(ref, caseId, out);
        ctx.output(EnforcementJob.CASE_ROWS, CaseRow.open(caseId, v, read.cameraId(),
                read.confidence(), vehicleJson(d)));
        opened.inc();
    }

    private void attach(String caseId, PlateRead read, ReadOnlyContext ctx, Collector<RawRecord> out) {
        ctx.output(EnforcementJob.CASE_ROWS, CaseRow.attach(caseId, read.readId(), read.evidenceRef()));
        if (read.evidenceRef() != null) claim(read.evidenceRef(), caseId, out);
        attached.inc();
    }

    private void claim(String evidenceRef, String caseId, Collector<RawRecord> out) {
        out.collect(RawRecord.out(Topics.EVIDENCE_CLAIMS, evidenceRef.getBytes(StandardCharsets.UTF_8),
                EventCodec.encode(new EvidenceClaim(evidenceRef, caseId, clock.instant()))));
    }

    static DecisionCount count(PlateRead read, PassageDecision d) {
        VehicleFacts v = d.vehicle();
        long hour = Math.floorDiv(read.capturedAtMillis(), 3_600_000L) * 3_600_000L;
        return new DecisionCount(read.cameraId(), hour, d.policyVersion(), d.stageId(), d.outcome().name(),
                v == null || v.category() == null ? "" : v.category().name(),
                v == null || v.fuel() == null ? "" : v.fuel().code(),
                v == null || v.euroNorm() == null ? "" : v.euroNorm().label(), 1L);
    }

    private static String vehicleJson(PassageDecision d) {
        if (d.vehicle() == null) return null;
        Map<String, Object> f = d.decision().facts();
        f.remove("camera");
        f.remove("localTime");
        try {
            return JSON.writeValueAsString(f);
        } catch (Exception ex) {
            return null;
        }
    }

    @Override
    public void processBroadcastElement(PolicyPack pack, Context ctx, Collector<RawRecord> out) throws Exception {
        policyHolder.update(pack, ctx.getBroadcastState(PolicyUpdates.STATE));
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        policyHolder.initialize(ctx); // before the first element: the published policy, not the shipped one
        passages = new OpenPassages();
        passagesState = ctx.getOperatorStateStore().getUnionListState(OPEN_PASSAGES);
        if (ctx.isRestored()) {
            // every subtask gets every subtask's passages and keeps those of the key groups it owns now
            var task = getRuntimeContext().getTaskInfo();
            int subtask = task.getIndexOfThisSubtask();
            int parallelism = task.getNumberOfParallelSubtasks();
            int maxParallelism = task.getMaxNumberOfParallelSubtasks();
            passages.restore(passagesState.get(),
                    plate -> KeyGroupRangeAssignment.assignKeyToParallelOperator(plate, maxParallelism, parallelism) == subtask);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        passagesState.update(List.of(passages.snapshot()));
    }

    /** Open passages of the subtask, for tests. */
    int openPassages() {
        return passages.size();
    }
}
