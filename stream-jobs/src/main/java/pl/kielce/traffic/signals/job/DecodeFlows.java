package pl.kielce.traffic.signals.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.streams.RawRecord;

import java.time.Clock;

/**
 * Raw {@code traffic.flows} records → {@link FlowSample}s of the modelled intersections, with their coordination
 * group. Bad records and approaches the model does not know → dead letter with the reason. Flows of intersections
 * without a signal model (unsignalised junctions, camera sites) are skipped and counted
 * ({@code flowsOutsideModel}). Never throws on a record.
 */
public final class DecodeFlows extends ProcessFunction<RawRecord, FlowSample> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("signal-flow-dead-letters") {
    };

    private final SignalModel.Source modelSource;
    private final Clock clock;
    private transient SignalModel model;
    private transient Counter outsideModel;

    public DecodeFlows(SignalModel.Source modelSource, Clock clock) {
        this.modelSource = modelSource;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext context) {
        model = modelSource.load();
        outsideModel = getRuntimeContext().getMetricGroup().counter("flowsOutsideModel");
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<FlowSample> out) {
        Decoded<FlowSample> d = decode(model, r.value());
        if (d.isOk()) {
            out.collect(d.value());
        } else if (d.reason().startsWith(OUTSIDE_MODEL)) {
            outsideModel.inc();
        } else {
            ctx.output(DEAD_LETTERS, DeadLetter.of(r.value(), r.topic() == null ? "unknown" : r.topic(),
                    r.partition(), r.offset(), d.reason(), clock.instant()));
        }
    }

    static final String OUTSIDE_MODEL = "not a modelled signalised intersection: ";

    /** The sample with its group, or why not (a reason starting with {@link #OUTSIDE_MODEL} is not an error). */
    public static Decoded<FlowSample> decode(SignalModel model, byte[] value) {
        Decoded<FlowSample> d = FlowSample.parse(value);
        if (!d.isOk()) {
            return d;
        }
        FlowSample s = d.value();
        if (model.intersection(s.intersectionId()).isEmpty()) {
            return Decoded.failed(OUTSIDE_MODEL + s.intersectionId());
        }
        if (model.movementShares(s.intersectionId(), s.approach()).isEmpty()) {
            return Decoded.failed("field 'approach': '" + s.approach() + "' is not an approach of " + s.intersectionId()
                    + " in the signal model (approaches: " + model.approaches(s.intersectionId())
                    + "; a movement or detector id is accepted too)");
        }
        return Decoded.ok(s.inGroup(model.groupOf(s.intersectionId())));
    }
}
