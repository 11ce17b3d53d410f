package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.streams.RawRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import pl.kielce.traffic.ctz.policy.Decision;
import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.Outcome;
import pl.kielce.traffic.ctz.policy.PassageFacts;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.EvidenceClaim;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.Violation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides each passage (keyed by plate) with the current policy (broadcast state) and applies the daily
 * charge rule: at most one case (VIOLATION or REVIEW) per vehicle per zone per local day in the policy's time
 * zone; later passages of that day and further reads of a decided passage are attached to the case as
 * evidence. Outputs: Kafka records (violations, reviews, evidence claims) on the main output, case-table rows
 * ({@link EnforcementJob#CASE_ROWS}) and plate-free counters ({@link EnforcementJob#COUNTS}) as side outputs.
 * ALLOWED and EXEMPT passages leave nothing but a counter. State is removed by event-time timers at the end
 * of the local day (cases) and at the end of the passage window (passage → case links).
 */
public final class CaseFunction extends KeyedBroadcastProcessFunction<String, EnrichedPassage, PolicyPack, RawRecord>
        implements CheckpointedFunction {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyHolder policyHolder;
    private final long windowMillis;
    private final long allowedLatenessMillis;
    private final Clock clock;

    static final MapStateDescriptor<String, CaseRef> CASES =
            new MapStateDescriptor<>("cases-of-day", Types.STRING, TypeInformation.of(CaseRef.class));
    static final MapStateDescriptor<String, CaseRef> PASSAGES =
            new MapStateDescriptor<>("passage-cases", Types.STRING, TypeInformation.of(CaseRef.class));

    /**
     * Occasional-entry days the plate has used (ISO dates), recorded here when a decision consumes one: the
     * register extract the job reads cannot be written to yet. Only plates that used an occasional entry.
     */
    static final MapStateDescriptor<String, Boolean> OCCASIONAL_DAYS =
            new MapStateDescriptor<>("occasional-days", Types.STRING, Types.BOOLEAN);

    private transient MapState<String, CaseRef> cases;
    private transient MapState<String, CaseRef> passages;
    private transient MapState<String, Boolean> occasionalDays;
    private transient Map<Outcome, Counter> decisions;
    private transient Counter opened;
    private transient Counter attached;
    private transient Histogram endToEndMs;

    public CaseFunction(String initialPackJson, EnforcementSettings settings, Clock clock) {
        this(initialPackJson, PolicyBootstrap.NONE, settings, clock);
    }

    /**
     * @param initialPackJson the shipped pack: the policy when neither the broadcast state nor the policy topic has one
     * @param bootstrap       reads the policy topic to its end before the first read is processed (fresh start)
     */
    public CaseFunction(String initialPackJson, PolicyBootstrap bootstrap, EnforcementSettings settings, Clock clock) {
        this.policyHolder = new PolicyHolder(initialPackJson, bootstrap);
        this.windowMillis = settings.passageWindow().toMillis();
        this.allowedLatenessMillis = settings.allowedLateness().toMillis();
        this.clock = clock;
    }

    @Override
    public void open(OpenContext ctx) {
        cases = getRuntimeContext().getMapState(CASES);
        passages = getRuntimeContext().getMapState(PASSAGES);
        occasionalDays = getRuntimeContext().getMapState(OCCASIONAL_DAYS);
        MetricGroup g = getRuntimeContext().getMetricGroup();
        decisions = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) decisions.put(o, g.addGroup("outcome", o.name()).counter(Metrics.DECISIONS));
        opened = g.counter(Metrics.CASES_OPENED);
        attached = g.counter(Metrics.CASES_ATTACHED);
        endToEndMs = g.histogram(Metrics.END_TO_END_LATENCY_MS, new DescriptiveStatisticsHistogram(10_000));
    }

    @Override
    public void processElement(EnrichedPassage e, ReadOnlyContext ctx, Collector<RawRecord> out) throws Exception {
        PassageEvent ev = e.event();
        PlateRead read = ev.read();
        if (!ev.start()) {
            CaseRef ref = passages.get(ev.passageId());
            if (ref != null) attach(ref.caseId(), read, ctx, out);
            return; // a further read of an ALLOWED/EXEMPT passage: nothing is kept
        }
        Policy p = policyHolder.get(ctx.getBroadcastState(PolicyUpdates.STATE));
        List<java.time.LocalDate> used = new ArrayList<>();
        for (String day : occasionalDays.keys()) used.add(java.time.LocalDate.parse(day));
        PassageDecision d = decide(p, ev, e.answer(), used);
        if (d.decision().consumesOccasionalEntry()) {
            occasionalDays.put(d.localDay().toString(), Boolean.TRUE);
            ctx.output(EnforcementJob.OCCASIONAL_ENTRIES, new OccasionalEntry(read.plate(), d.localDay().toString()));
        }
        decisions.get(d.outcome()).inc();
        endToEndMs.update(Math.max(0, clock.millis() - read.capturedAtMillis()));
        ctx.output(EnforcementJob.COUNTS, count(read, d));
        if (!d.needsCase()) return;

        String dayKey = d.zoneId() + '|' + d.localDay();
        CaseRef existing = cases.get(dayKey);
        String caseId;
        if (existing != null) {
            caseId = existing.caseId();
            attach(caseId, read, ctx, out);
        } else {
            caseId = PassageDecision.caseId(d.policyId(), read.plate(), read.country(), d.zoneId(), d.localDay());
            long expires = d.dayEnd().toEpochMilli() + allowedLatenessMillis;
            cases.put(dayKey, new CaseRef(caseId, expires));
            ctx.timerService().registerEventTimeTimer(expires);
            openCase(caseId, read, d, ctx, out);
        }
        long passageEnd = read.capturedAtMillis() + windowMillis;
        passages.put(ev.passageId(), new CaseRef(caseId, passageEnd));
        ctx.timerService().registerEventTimeTimer(passageEnd);
    }

    /** The decision about a passage start (pure apart from the policy it is given). */
    static PassageDecision decide(Policy p, PassageEvent ev, RegisterAnswer answer, List<java.time.LocalDate> occasionalDaysUsed) {
        PlateRead r = ev.read();
        VehicleFacts v = answer.available() ? answer.facts() : null;
        Exemptions ex = answer.available()
                ? (answer.exemptions() == null ? PlateExemptions.NONE : answer.exemptions()).toExemptions(r.plate(), occasionalDaysUsed)
                : Exemptions.none();
        PassageFacts facts = new PassageFacts(r.cameraId(), r.plate(), r.country(), r.confidence(), null);
        Decision d = p.decide(facts, v, ex, Instant.ofEpochMilli(r.capturedAtMillis()));
        return PassageDecision.of(d, answer, ev.zoneKey(), p.timeZone());
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
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RawRecord> out) throws Exception {
        expire(cases, timestamp);
        expire(passages, timestamp);
    }

    private static void expire(MapState<String, CaseRef> state, long timestamp) throws Exception {
        List<String> gone = new ArrayList<>();
        Iterator<Map.Entry<String, CaseRef>> it = state.iterator();
        while (it.hasNext()) {
            Map.Entry<String, CaseRef> en = it.next();
            if (en.getValue().expiresAtMillis() <= timestamp) gone.add(en.getKey());
        }
        for (String k : gone) state.remove(k);
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
