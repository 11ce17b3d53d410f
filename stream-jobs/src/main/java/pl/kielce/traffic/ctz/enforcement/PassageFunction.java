package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.Stage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups reads into passages, keyed by plate: reads of one plate by cameras of one zone within
 * {@link EnforcementSettings#passageWindow()} of the passage's first read are one passage. The first read
 * is emitted at once as a passage start (so the decision is not delayed by the window); the others are
 * emitted as attachments of that passage. An event-time timer at first read + window removes the passage,
 * so no state or timer outlives it.
 *
 * <p>Late rule: a read whose capture time is more than {@link EnforcementSettings#allowedLateness()} behind
 * the current watermark is not decided: it goes to the dead-letter topic (plate removed) and is counted.
 */
public final class PassageFunction extends KeyedBroadcastProcessFunction<String, PlateRead, PolicyPack, PassageEvent>
        implements CheckpointedFunction {
    private final PolicyHolder policyHolder;
    private final long windowMillis;
    private final long allowedLatenessMillis;
    private final Clock clock;

    private transient MapState<String, OpenPassage> open;
    private transient Counter lateReads;
    private transient Counter deadLetters;

    public PassageFunction(String initialPackJson, EnforcementSettings settings, Clock clock) {
        this(initialPackJson, PolicyBootstrap.NONE, settings, clock);
    }

    /**
     * @param initialPackJson the shipped pack: the policy when neither the broadcast state nor the policy topic has one
     * @param bootstrap       reads the policy topic to its end before the first read is processed (fresh start)
     */
    public PassageFunction(String initialPackJson, PolicyBootstrap bootstrap, EnforcementSettings settings, Clock clock) {
        this.policyHolder = new PolicyHolder(initialPackJson, bootstrap);
        this.windowMillis = settings.passageWindow().toMillis();
        this.allowedLatenessMillis = settings.allowedLateness().toMillis();
        this.clock = clock;
    }

    static final MapStateDescriptor<String, OpenPassage> OPEN =
            new MapStateDescriptor<>("open-passages", Types.STRING, TypeInformation.of(OpenPassage.class));

    @Override
    public void open(OpenContext ctx) {
        open = getRuntimeContext().getMapState(OPEN);
        lateReads = getRuntimeContext().getMetricGroup().counter(Metrics.LATE_READS);
        deadLetters = getRuntimeContext().getMetricGroup().counter(Metrics.DEAD_LETTERS);
    }

    @Override
    public void processElement(PlateRead read, ReadOnlyContext ctx, Collector<PassageEvent> out) throws Exception {
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
        OpenPassage current = open.get(zoneKey);
        if (current != null && Math.abs(at - current.firstSeenMillis()) <= windowMillis) {
            out.collect(new PassageEvent(false, current.passageId(), zoneKey, read));
            return;
        }
        open.put(zoneKey, new OpenPassage(read.readId(), at));
        ctx.timerService().registerEventTimeTimer(at + windowMillis);
        out.collect(new PassageEvent(true, read.readId(), zoneKey, read));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PassageEvent> out) throws Exception {
        List<String> closed = new ArrayList<>();
        for (Map.Entry<String, OpenPassage> e : open.entries()) {
            if (e.getValue().firstSeenMillis() + windowMillis <= timestamp) closed.add(e.getKey());
        }
        for (String zoneKey : closed) open.remove(zoneKey); // remove() drops the key's state once its map is empty
    }

    @Override
    public void processBroadcastElement(PolicyPack pack, Context ctx, Collector<PassageEvent> out) throws Exception {
        policyHolder.update(pack, ctx.getBroadcastState(PolicyUpdates.STATE));
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        policyHolder.initialize(ctx); // before the first element: the published policy, not the shipped one
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) {
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
}
