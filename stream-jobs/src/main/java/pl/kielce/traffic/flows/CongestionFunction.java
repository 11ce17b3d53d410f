package pl.kielce.traffic.flows;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.Locale;

/**
 * Keyed by approach ({@link ApproachFlow#approachKey()}): a CONGESTION alert when the degree of saturation is above
 * the threshold for N consecutive intervals (raised once per episode, on the N-th interval). A flow at or below the
 * threshold, or a missing interval, ends the episode. A re-fired interval (late counts) is ignored: the first firing
 * of an interval decides. A camera that is not mapped to an approach ({@link CameraApproaches}: it is its own
 * measuring point) has only the nominal camera capacity, so its flows are reported but raise no CONGESTION.
 * <p>
 * Whether intervals are consecutive is decided from the flows' own interval starts, never from this operator's
 * watermark: a flow can legitimately arrive behind it. (A window subtask that resumes after being idle is left out of
 * the combined watermark until it catches up, so the other window subtask's watermark — e.g. an hour later after a
 * pause — can reach this operator before the resumed subtask has emitted the next interval. An event-time cleanup
 * timer at "last interval + 1" then wiped the streak and the alert was never raised: the end-to-end defect of
 * issue 6.) State of an approach that stops reporting is therefore cleared by a <b>processing-time</b> timer,
 * {@link FlowSettings#congestionMemory()} after its last flow; every flow pushes that timer on.
 */
public final class CongestionFunction extends KeyedProcessFunction<String, ApproachFlow, FlowAlert> {
    private final double threshold;
    private final int intervalsNeeded;
    private final long intervalMs;
    private final long memoryMs;
    private transient ValueState<Long> lastIntervalStart;
    private transient ValueState<Integer> streak;
    private transient ValueState<Long> cleanupAt;

    public CongestionFunction(FlowSettings settings) {
        this.threshold = settings.congestionDegreeOfSaturation();
        this.intervalsNeeded = settings.congestionIntervals();
        this.intervalMs = settings.interval().toMillis();
        this.memoryMs = settings.congestionMemory().toMillis();
    }

    @Override
    public void open(OpenContext context) {
        lastIntervalStart = getRuntimeContext().getState(new ValueStateDescriptor<>("last-interval-start", Long.class));
        streak = getRuntimeContext().getState(new ValueStateDescriptor<>("congested-intervals", Integer.class));
        cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Long.class));
    }

    @Override
    public void processElement(ApproachFlow f, Context ctx, Collector<FlowAlert> out) throws Exception {
        if (Observation.CAMERA.equals(f.source()) && f.intersectionId().equals(f.approach())) {
            return; // a camera not mapped to an approach: only a nominal capacity, x is no evidence of congestion
        }
        Long last = lastIntervalStart.value();
        if (last != null && f.intervalStartEpochMs() <= last) {
            return; // a re-fired or older interval
        }
        if (f.degreeOfSaturation() <= threshold) {
            clear(ctx);
            return;
        }
        int run = last != null && last == f.intervalStartEpochMs() - intervalMs && streak.value() != null ? streak.value() + 1 : 1;
        lastIntervalStart.update(f.intervalStartEpochMs());
        streak.update(run);
        if (run == intervalsNeeded) {
            out.collect(new FlowAlert(FlowAlert.Kind.CONGESTION,
                    "flows:congestion:" + f.approachKey() + ":" + f.intervalStart(), f.intersectionId(), f.approach(),
                    null, f.degreeOfSaturation(), run, f.intervalEndEpochMs(),
                    String.format(Locale.ROOT, "Approach %s of %s congested: degree of saturation %.2f for %d intervals (%s flow %.0f veh/h)",
                            f.approach(), f.intersectionId(), f.degreeOfSaturation(), run, f.source(), f.flowVehPerHour()),
                    f.longitude(), f.latitude()));
        }
        Long previousTimer = cleanupAt.value();
        if (previousTimer != null) {
            ctx.timerService().deleteProcessingTimeTimer(previousTimer);
        }
        long at = ctx.timerService().currentProcessingTime() + memoryMs;
        ctx.timerService().registerProcessingTimeTimer(at);
        cleanupAt.update(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FlowAlert> out) {
        lastIntervalStart.clear();
        streak.clear();
        cleanupAt.clear();
    }

    private void clear(Context ctx) throws Exception {
        Long timer = cleanupAt.value();
        if (timer != null) {
            ctx.timerService().deleteProcessingTimeTimer(timer);
        }
        lastIntervalStart.clear();
        streak.clear();
        cleanupAt.clear();
    }
}
