package pl.kielce.traffic.signals.job;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableSupplier;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.timing.TimingSettings;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keyed by coordination group (a corridor or one intersection). Keeps the recent flows per approach, the plan in
 * force and the last proposal per intersection; at each completed interval asks {@link SignalPlanner} whether to
 * propose; puts approved plans in force after {@link PlanValidator} accepts them.
 *
 * <p>Intervals are evaluated in order. An interval is <i>completed</i> when every detected movement of every member has
 * a flow for it (then it and the completed intervals after it are evaluated), or when the settle timer fires
 * ({@link SignalJobSettings#settleDelay()}, processing time, restarted whenever the oldest waiting interval changes:
 * every waiting interval is then evaluated as it is — a silent detector must not stop planning). A backlog that
 * delivers the approaches' intervals interleaved is therefore evaluated as if live. A flow of an interval already
 * evaluated (the flow job's late correction) is kept for the smoothing of later intervals.
 *
 * <p>State per group: flows of the last {@code smoothingIntervals} intervals (older ones are removed after each
 * evaluation), intervals waiting for evaluation, the last evaluated interval, one settle timer (deleted when nothing
 * waits), plan in force and last proposal per intersection (small, kept).
 *
 * <p>Output: plan-log entries (PROPOSED ones carry the proposal JSON); refused approvals also go to the dead letters.
 */
public final class SignalTimingFunction extends KeyedCoProcessFunction<String, FlowSample, ApprovalRecord, PlanLogEntry> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = DecodeFlows.DEAD_LETTERS;
    private static final char SEP = '\u001F';
    /** intersection, interval start, interval end, approach, source (separated by U+001F) → veh/h. */
    static final MapStateDescriptor<String, Double> FLOWS = new MapStateDescriptor<>("flows", Types.STRING, Types.DOUBLE);
    /** interval start → end, for intervals not evaluated yet. */
    static final MapStateDescriptor<Long, Long> PENDING = new MapStateDescriptor<>("pending-intervals", Types.LONG, Types.LONG);
    static final ValueStateDescriptor<Long> EVALUATED_UP_TO = new ValueStateDescriptor<>("evaluated-up-to", Types.LONG);
    static final ValueStateDescriptor<Long> TIMER = new ValueStateDescriptor<>("settle-timer", Types.LONG);
    /** intersection → {@link ActivePlan#toStateJson()} of the approved plan in force (absent: the shipped plan). */
    static final MapStateDescriptor<String, String> IN_FORCE = new MapStateDescriptor<>("plan-in-force", Types.STRING, Types.STRING);
    static final MapStateDescriptor<String, String> LAST_PROPOSED = new MapStateDescriptor<>("last-proposal", Types.STRING, Types.STRING);

    private final SignalModel.Source modelSource;
    private final SignalJobSettings settings;
    private final SerializableSupplier<TimingSettings> timing;
    private final Clock clock;

    private transient SignalModel model;
    private transient SignalPlanner planner;
    private transient MapState<String, Double> flows;
    private transient MapState<Long, Long> pending;
    private transient ValueState<Long> evaluatedUpTo;
    private transient ValueState<Long> timer;
    private transient MapState<String, String> inForce;
    private transient MapState<String, String> lastProposed;
    private transient Counter proposals;
    private transient Counter evaluations;
    private transient Counter lateFlows;

    public SignalTimingFunction(SignalModel.Source modelSource, SignalJobSettings settings,
                                SerializableSupplier<TimingSettings> timing, Clock clock) {
        this.modelSource = modelSource;
        this.settings = settings;
        this.timing = timing;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext context) {
        model = modelSource.load();
        planner = new SignalPlanner(model, settings, timing.get());
        flows = getRuntimeContext().getMapState(FLOWS);
        pending = getRuntimeContext().getMapState(PENDING);
        evaluatedUpTo = getRuntimeContext().getState(EVALUATED_UP_TO);
        timer = getRuntimeContext().getState(TIMER);
        inForce = getRuntimeContext().getMapState(IN_FORCE);
        lastProposed = getRuntimeContext().getMapState(LAST_PROPOSED);
        proposals = getRuntimeContext().getMetricGroup().counter("plansProposed");
        evaluations = getRuntimeContext().getMetricGroup().counter("intervalsEvaluated");
        lateFlows = getRuntimeContext().getMetricGroup().counter("lateFlows");
    }

    @Override
    public void processElement1(FlowSample s, Context ctx, Collector<PlanLogEntry> out) throws Exception {
        flows.put(s.intersectionId() + SEP + s.intervalStartEpochMs() + SEP + s.intervalEndEpochMs() + SEP + s.approach()
                + SEP + s.source(), s.flowVehPerHour());
        Long done = evaluatedUpTo.value();
        if (done != null && s.intervalStartEpochMs() <= done) {
            lateFlows.inc(); // kept for the smoothing of the next intervals
            return;
        }
        pending.put(s.intervalStartEpochMs(), s.intervalEndEpochMs());
        // in interval order: a backlog (replay, catch-up) delivers the approaches' intervals interleaved; an
        // interval waits for its own flows, never for a later interval's
        boolean evaluated = false;
        for (Long start : new TreeSet<>(keys(pending))) {
            if (!complete(ctx.getCurrentKey(), start)) {
                break;
            }
            evaluate(ctx.getCurrentKey(), start, out);
            evaluated = true;
        }
        reschedule(ctx, evaluated);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlanLogEntry> out) throws Exception {
        timer.clear();
        for (Long start : new TreeSet<>(keys(pending))) {
            evaluate(ctx.getCurrentKey(), start, out);
        }
    }

    @Override
    public void processElement2(ApprovalRecord a, Context ctx, Collector<PlanLogEntry> out) throws Exception {
        long now = clock.millis();
        Intersection ix = model.intersection(a.intersectionId()).orElse(null);
        JsonNode json = ActivePlan.JSON.readTree(a.json()); // parsed once already by DecodeApprovals
        Decoded<ActivePlan> plan = ix == null
                ? Decoded.failed("intersection " + a.intersectionId() + " is not in the signal model")
                : PlanValidator.approved(ix, json, now);
        if (plan.isOk()) {
            inForce.put(ix.id(), plan.value().toStateJson());
            String detail = "approved by " + (a.approvedBy() == null ? "?" : a.approvedBy()) + "; in force";
            log("plan " + a.planId() + " in force at " + ix.id() + " (" + detail + ")");
            out.collect(new PlanLogEntry(a.planId(), ix.id(), PlanEvents.APPLIED, now, detail, a.json()));
        } else {
            log("approved plan " + a.planId() + " for " + a.intersectionId() + " refused: " + plan.reason());
            out.collect(new PlanLogEntry(a.planId(), a.intersectionId(), PlanEvents.REFUSED, now, plan.reason(), a.json()));
            ctx.output(DEAD_LETTERS, DeadLetter.of(a.json().getBytes(StandardCharsets.UTF_8), a.topic(), a.partition(),
                    a.offset(), "approved plan " + a.planId() + " refused: " + plan.reason(), Instant.ofEpochMilli(now)));
        }
    }

    private void evaluate(String group, long start, Collector<PlanLogEntry> out) throws Exception {
        Long end = pending.get(start);
        pending.remove(start);
        Long done = evaluatedUpTo.value();
        evaluatedUpTo.update(done == null ? start : Math.max(done, start));
        long length = end - start;
        long from = start - settings.smoothingIntervals() * length; // exclusive

        // approach → interval → source → veh/h, per intersection
        Map<String, Map<String, Map<Long, Map<String, Double>>>> recent = new HashMap<>();
        Set<Long> intervalsUsed = new TreeSet<>();
        List<String> dead = new ArrayList<>();
        for (Map.Entry<String, Double> e : flows.entries()) {
            String[] k = e.getKey().split(String.valueOf(SEP), -1);
            long s = Long.parseLong(k[1]);
            if (s <= start - (settings.smoothingIntervals() - 1L) * length) {
                dead.add(e.getKey()); // no later interval's window reaches it
            }
            if (s > from && s <= start) {
                recent.computeIfAbsent(k[0], x -> new HashMap<>()).computeIfAbsent(k[3], x -> new TreeMap<>())
                        .computeIfAbsent(s, x -> new HashMap<>()).put(k[4], e.getValue());
                intervalsUsed.add(s);
            }
        }
        Map<String, Map<String, Double>> demand = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Map<Long, Map<String, Double>>>> ix : recent.entrySet()) {
            Map<String, Double> movements = new LinkedHashMap<>();
            for (Map.Entry<String, Map<Long, Map<String, Double>>> approach : ix.getValue().entrySet()) {
                double sum = 0;
                for (Map<String, Double> bySource : approach.getValue().values()) {
                    // detectors count every lane; a camera only what it reads: detectors win when both exist
                    sum += bySource.getOrDefault("detectors", bySource.values().iterator().next());
                }
                double mean = sum / approach.getValue().size();
                model.movementShares(ix.getKey(), approach.getKey()).forEach((m, share) -> movements.merge(m, mean * share, Double::sum));
            }
            demand.put(ix.getKey(), movements);
        }
        for (String k : dead) {
            flows.remove(k);
        }

        Map<String, ActivePlan> force = new HashMap<>();
        Map<String, ActivePlan> last = new HashMap<>();
        for (String id : model.members(group)) {
            String f = inForce.get(id);
            if (f != null) {
                force.put(id, ActivePlan.fromStateJson(f));
            }
            String l = lastProposed.get(id);
            if (l != null) {
                last.put(id, ActivePlan.fromStateJson(l));
            }
        }
        evaluations.inc();
        SignalPlanner.Decision decision = planner.plan(group, start, end, intervalsUsed.size(), demand, force, last);
        log(String.format(Locale.ROOT, "%s interval %s (%d interval(s) smoothed): delay %.1f → %.1f s/veh: %s", group,
                Instant.ofEpochMilli(start), intervalsUsed.size(), decision.currentDelaySecondsPerVehicle(),
                decision.proposedDelaySecondsPerVehicle(), decision.outcome()));
        long now = clock.millis();
        for (SignalPlanner.Proposal p : decision.proposals()) {
            lastProposed.put(p.intersectionId(), p.plan().toStateJson());
            proposals.inc();
            out.collect(new PlanLogEntry(p.plan().planId(), p.intersectionId(), PlanEvents.PROPOSED, now,
                    decision.outcome(), p.json().toString()));
        }
    }

    /** Every detected movement of every member (that has detectors) has a flow for the interval. */
    private boolean complete(String group, long start) throws Exception {
        Map<String, Set<String>> covered = new HashMap<>();
        for (String key : keys(flows)) {
            String[] k = key.split(String.valueOf(SEP), -1);
            if (Long.parseLong(k[1]) == start) {
                covered.computeIfAbsent(k[0], x -> new java.util.HashSet<>())
                        .addAll(model.movementShares(k[0], k[3]).keySet());
            }
        }
        for (String id : model.members(group)) {
            Set<String> needed = model.detectedMovements(id);
            if (!needed.isEmpty() && !covered.getOrDefault(id, Set.of()).containsAll(needed)) {
                return false;
            }
        }
        return true;
    }

    /** One settle timer while intervals wait; restarted when the oldest waiting interval changed. */
    private void reschedule(Context ctx, boolean oldestChanged) throws Exception {
        boolean waiting = pending.keys().iterator().hasNext();
        Long t = timer.value();
        if (t != null && (!waiting || oldestChanged)) {
            ctx.timerService().deleteProcessingTimeTimer(t);
            timer.clear();
            t = null;
        }
        if (waiting && t == null) {
            long at = ctx.timerService().currentProcessingTime() + settings.settleDelay().toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            timer.update(at);
        }
    }

    /** One line per decision on the job's standard output (the demo's jobs.log; rare: once per interval and group). */
    private static void log(String line) {
        System.out.println("[signal-timing] " + line);
    }

    private static <K> List<K> keys(MapState<K, ?> state) throws Exception {
        List<K> out = new ArrayList<>();
        for (K k : state.keys()) {
            out.add(k);
        }
        return out;
    }
}
