package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums {@link DecisionCount} cells (keyed by {@link DecisionCount#cell()}) and emits the cell's running total
 * at most every {@link EnforcementSettings#countFlushInterval()} (processing time). The sink upserts the total,
 * so a replay after a failure converges on the exact count (idempotent). The cell's state is dropped, after a
 * last emit, when event time passes the end of its hour plus the allowed lateness.
 */
public final class CountFunction extends KeyedProcessFunction<String, DecisionCount, DecisionCount> {
    private final long flushMillis;
    private final long allowedLatenessMillis;
    private transient ValueState<DecisionCount> total;
    private transient ValueState<Boolean> dirty;

    public CountFunction(EnforcementSettings settings) {
        this.flushMillis = settings.countFlushInterval().toMillis();
        this.allowedLatenessMillis = settings.allowedLateness().toMillis();
    }

    @Override
    public void open(OpenContext ctx) {
        total = getRuntimeContext().getState(new ValueStateDescriptor<>("cell-total", TypeInformation.of(DecisionCount.class)));
        dirty = getRuntimeContext().getState(new ValueStateDescriptor<>("cell-dirty", Boolean.class));
    }

    @Override
    public void processElement(DecisionCount c, Context ctx, Collector<DecisionCount> out) throws Exception {
        DecisionCount t = total.value();
        if (t == null) {
            t = c;
            ctx.timerService().registerEventTimeTimer(c.hourStartMillis() + 3_600_000L + allowedLatenessMillis);
        } else {
            t = t.withPassages(t.passages() + c.passages());
        }
        total.update(t);
        if (dirty.value() == null) {
            dirty.update(Boolean.TRUE);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + flushMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DecisionCount> out) throws Exception {
        DecisionCount t = total.value();
        if (t == null) return;
        if (dirty.value() != null) {
            out.collect(t);
            dirty.clear();
        }
        if (ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME) {
            total.clear();
            dirty.clear();
        }
    }
}
