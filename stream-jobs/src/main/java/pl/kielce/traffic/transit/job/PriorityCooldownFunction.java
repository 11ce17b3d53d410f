package pl.kielce.traffic.transit.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import pl.kielce.traffic.transit.priority.PriorityDecider;
import pl.kielce.traffic.transit.priority.PriorityRequest;

import java.nio.charset.StandardCharsets;

/**
 * Keyed by intersection: passes a priority request on as JSON (key = intersection id) unless another request
 * for the same intersection went out less than {@code cooldownSeconds} before (event time of the positions).
 * The state is cleared by an event-time timer once the cooldown has passed.
 */
public final class PriorityCooldownFunction extends KeyedProcessFunction<String, PriorityRequest, KeyedBytes> {
    private final int cooldownSeconds;

    private transient ValueState<Long> lastSent;
    private transient Counter sent;
    private transient Counter suppressed;

    public PriorityCooldownFunction(int cooldownSeconds) {
        if (cooldownSeconds < 0) {
            throw new IllegalArgumentException("cooldownSeconds must not be negative, was " + cooldownSeconds);
        }
        this.cooldownSeconds = cooldownSeconds;
    }

    @Override
    public void open(OpenContext openContext) {
        lastSent = getRuntimeContext().getState(new ValueStateDescriptor<>("priority-last-sent-epoch-seconds", Long.class));
        sent = getRuntimeContext().getMetricGroup().counter("priorityRequestsSent");
        suppressed = getRuntimeContext().getMetricGroup().counter("priorityRequestsInCooldown");
    }

    @Override
    public void processElement(PriorityRequest r, Context ctx, Collector<KeyedBytes> out) throws Exception {
        Long last = lastSent.value();
        if (!PriorityDecider.cooldownAllows(last, r.observedAtEpochSeconds(), cooldownSeconds)) {
            suppressed.inc();
            return;
        }
        sent.inc();
        out.collect(new KeyedBytes(r.key(), r.toJson().getBytes(StandardCharsets.UTF_8)));
        long keep = last == null ? r.observedAtEpochSeconds() : Math.max(last, r.observedAtEpochSeconds());
        lastSent.update(keep);
        ctx.timerService().registerEventTimeTimer((keep + cooldownSeconds) * 1000L);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedBytes> out) throws Exception {
        Long last = lastSent.value();
        if (last != null && (last + cooldownSeconds) * 1000L <= timestamp) {
            lastSent.clear();
        }
    }
}
