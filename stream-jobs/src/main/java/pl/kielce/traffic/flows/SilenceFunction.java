package pl.kielce.traffic.flows;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device ({@link Observation#sourceKey()}): a SILENT_DETECTOR / SILENT_CAMERA alert when no record of a
 * device that has reported before arrives for {@code silentAfter} (processing time: a live feed that stops).
 * One timer per device at most: on firing it re-arms at last-seen + silentAfter if the device spoke meanwhile,
 * else it raises the alert and clears all state (a device that comes back starts afresh; one that never does
 * leaves nothing behind).
 */
public final class SilenceFunction extends KeyedProcessFunction<String, Observation, FlowAlert> {
    private final long silentAfterMs;
    private transient ValueState<Long> lastSeen;
    private transient ValueState<Long> timerAt;
    private transient ValueState<Observation> device;

    public SilenceFunction(FlowSettings settings) {
        this.silentAfterMs = settings.silentAfter().toMillis();
    }

    @Override
    public void open(OpenContext context) {
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Long.class));
        timerAt = getRuntimeContext().getState(new ValueStateDescriptor<>("silence-timer", Long.class));
        device = getRuntimeContext().getState(new ValueStateDescriptor<>("device", Observation.class));
    }

    @Override
    public void processElement(Observation o, Context ctx, Collector<FlowAlert> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        lastSeen.update(now);
        if (timerAt.value() == null) {
            device.update(o);
            long at = now + silentAfterMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            timerAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FlowAlert> out) throws Exception {
        Long seen = lastSeen.value();
        if (seen == null) {
            return;
        }
        if (timestamp - seen < silentAfterMs) {
            long at = seen + silentAfterMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            timerAt.update(at);
            return;
        }
        Observation o = device.value();
        boolean camera = Observation.CAMERA.equals(o.source());
        long minutes = silentAfterMs / 60_000;
        String what = (camera ? "Camera " : "Detector ") + o.sourceId();
        out.collect(new FlowAlert(camera ? FlowAlert.Kind.SILENT_CAMERA : FlowAlert.Kind.SILENT_DETECTOR,
                "flows:silent:" + o.sourceKey() + ":" + seen, o.intersectionId(), o.approach(), o.sourceId(), Double.NaN,
                0, timestamp, what + " (" + o.intersectionId() + ", approach " + o.approach() + ") silent for "
                + (minutes > 0 ? minutes + " min" : (silentAfterMs / 1000) + " s"), Double.NaN, Double.NaN));
        lastSeen.clear();
        timerAt.clear();
        device.clear();
    }
}
