package pl.kielce.traffic.ctz.enforcement;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
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
 *   ({@link EnforcementJob#COUNTS}) and, while the passage is open, this plate's state (no output, no log).</li>
 * </ul>
 * Outputs: Kafka records (violations, reviews, evidence claims) on the main output; case-table rows
 * ({@link EnforcementJob#CASE_ROWS}), counters and occasional entries used as side outputs.
 *
 * <p>State: one {@link PlateState} per plate and at most one event-time timer, at the earliest expiry of its
 * entries; the timer drops what expired and re-arms for the rest, so no state or timer outlives the plate's last
 * passage, case or occasional day. (One value and one timer per plate instead of a map per operator: the heap
 * backend writes all of it at every checkpoint, which was the largest cost of the job.)
 */
public final class EnforceFunction extends KeyedBroadcastProcessFunction<String, EnrichedRead, PolicyPack, RawRecord>
        implements CheckpointedFunction {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final ValueStateDescriptor<PlateState> STATE =
            new ValueStateDescriptor<>("plate", TypeInformation.of(PlateState.class));

    private final PolicyHolder policyHolder;
    private final long windowMillis;
    private final long allowedLatenessMillis;
    private final long cacheTtlMillis;
    private final int evidenceReadsPerPassage;
    private final Clock clock;

    private transient ValueState<PlateState> state;
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
        MetricGroup g = getRuntimeContext().getMetricGroup();
        decisions = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) decisions.put(o, g.addGroup("outcome", o.name()).counter(Metrics.DECISIONS));
        opened = g.counter(Metrics.CASES_OPENED);
        attached = g.counter(Metrics.CASES_ATTACHED);
        evidenceSkipped = g.counter(Metrics.EVIDENCE_READS_SKIPPED);
        lateReads = g.counter(Metrics.LATE_READS);
        deadLetters = g.counter(Metrics.DEAD_LETTERS);
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
        Policy p = policyHolder.get(ctx.getBroadcastState(PolicyUpdates.STATE));
        String zoneKey = zoneKey(p, read.cameraId(), at);
        PlateState before = state.value();
        PlateState s = before == null ? PlateState.EMPTY : before;
        PlateState.Passage open = s.passage(zoneKey);
        if (open != null && Math.abs(at - open.firstSeenMillis()) <= windowMillis) {
            if (open.caseId() == null) return; // a further read of an ALLOWED/EXEMPT passage: nothing is kept
            if (open.evidenceReads() < evidenceReadsPerPassage) {
                attach(open.caseId(), read, ctx, out);
                state.update(s.withPassage(open.withOneMoreEvidenceRead()));
            } else {
                evidenceSkipped.inc(); // enough of this passage: the image is not claimed, the gateway deletes it
            }
            return;
        }

        List<LocalDate> used = new ArrayList<>(s.occasionalDays().size());
        for (PlateState.UsedDay d : s.occasionalDays()) used.add(LocalDate.parse(d.isoDay()));
        PassageDecision d = decide(p, read, zoneKey, e.answer(), used);
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
        s = s.withPassage(new PlateState.Passage(zoneKey, at, at + windowMillis, caseId, caseId == null ? 0 : 1));
        long next = s.nextExpiryMillis();
        if (s.timerAtMillis() == Long.MIN_VALUE || next < s.timerAtMillis()) { // one timer per plate, at the earliest expiry
            if (s.timerAtMillis() != Long.MIN_VALUE) ctx.timerService().deleteEventTimeTimer(s.timerAtMillis());
            ctx.timerService().registerEventTimeTimer(next);
            s = s.withTimer(next);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RawRecord> out) throws Exception {
        PlateState s = state.value();
        if (s == null) return;
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
        VehicleFacts v = answer.available() ? answer.facts() : null;
        Exemptions ex = answer.available()
                ? (answer.exemptions() == null ? PlateExemptions.NONE : answer.exemptions()).toExemptions(r.plate(), occasionalDaysUsed)
                : Exemptions.none();
        PassageFacts facts = new PassageFacts(r.cameraId(), r.plate(), r.country(), r.confidence(), null);
        Decision d = p.decide(facts, v, ex, Instant.ofEpochMilli(r.capturedAtMillis()));
        return PassageDecision.of(d, answer, zoneKey, p.timeZone());
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

    private void openCase(String caseId, PlateRead read, PassageDecision d, ReadOnlyContext ctx, Collector<RawRecord> out) {
        List<String> evidence = read.evidenceRef() == null ? List.of() : List.of(read.evidenceRef());
        Violation v = new Violation(caseId, d.outcome() == Outcome.VIOLATION ? Violation.Kind.VIOLATION : Violation.Kind.REVIEW,
                read.plate(), read.country(), d.zoneId(), d.stageId(), d.policyId(), d.policyVersion(), d.reason(),
                d.explanation(), Instant.ofEpochMilli(read.capturedAtMillis()), List.of(read.readId()), evidence, clock.instant());
        byte[] json = EventCodec.encode(v);
        out.collect(RawRecord.out(v.topic(), read.plate().getBytes(StandardCharsets.UTF_8), json));
        for (String ref : evidence) claim(ref, caseId, out);
        ctx.output(EnforcementJob.CASE_ROWS, CaseRow.open(caseId, new String(json, StandardCharsets.UTF_8), read.cameraId(),
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
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) {
    }
}
