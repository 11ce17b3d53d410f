package pl.kielce.traffic.flows;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device ({@link Observation#sourceKey()}): a SILENT_DETECTOR / SILENT_CAMERA alert when no record of a
 * device that has reported before arrives for {@code silentAfter} ({@code cameraSilentAfter} for a camera, which
 * reports once per passage-count window; processing time: a live feed that stops).
 * One timer per device at most: on firing it re-arms at last-seen + threshold if the device spoke meanwhile,
 * else it raises the alert and clears all state (a device that comes back starts afresh; one that never does
 * leaves nothing behind).
 */
public final class SilenceFunction extends KeyedProcessFunction<String, Observation, FlowAlert> {
    private final long silentAfterMs;
    private final long cameraSilentAfterMs;
    private transient ValueState<Long> lastSeen;
    private transient ValueState<Long> timerAt;
    private transient ValueState<Observation> device;

    public SilenceFunction(FlowSettings settings) {
        this.silentAfterMs = settings.silentAfter().toMillis();
        this.cameraSilentAfterMs = settings.cameraSilentAfter().toMillis();
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
            long at = now + thresholdMs(o);
            ctx.timerService().registerProcessingTimeTimer(at);
            timerAt.update(at);
        }
    }

    private long thresholdMs(Observation o) {
        return Observation.CAMERA.equals(o.source()) ? cameraSilentAfterMs : silentAfterMs;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FlowAlert> out) throws Exception {
        Long seen = lastSeen.value();
        if (seen == null) {
            return;
        }
        Observation o = device.value();
        long threshold = thresholdMs(o);
        if (timestamp - seen < threshold) {
            long at = seen + threshold;
            ctx.timerService().registerProcessingTimeTimer(at);
            timerAt.update(at);
            return;
        }
        boolean camera = Observation.CAMERA.equals(o.source());
        long minutes = threshold / 60_000;
        String what = (camera ? "Camera " : "Detector ") + o.sourceId();
        out.collect(new FlowAlert(camera ? FlowAlert.Kind.SILENT_CAMERA : FlowAlert.Kind.SILENT_DETECTOR,
                "flows:silent:" + o.sourceKey() + ":" + seen, o.intersectionId(), o.approach(), o.sourceId(), Double.NaN,
                0, timestamp, what + " (" + o.intersectionId() + ", approach " + o.approach() + ") silent for "
                + (minutes > 0 ? minutes + " min" : (threshold / 1000) + " s"), Double.NaN, Double.NaN));
        lastSeen.clear();
        timerAt.clear();
        device.clear();
    }
}
