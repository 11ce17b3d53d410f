package pl.kielce.traffic.signals.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.streams.RawRecord;

import java.time.Clock;

/**
 * Raw {@code signals.plans.approved} records → {@link ApprovalRecord}s keyed by coordination group; a record that is
 * not an approval at all (no JSON object, no planId/intersectionId) → dead letter. Whether the plan may run is decided
 * later, against the model ({@link PlanValidator}), where a refusal is also logged.
 */
public final class DecodeApprovals extends ProcessFunction<RawRecord, ApprovalRecord> {
    private final SignalModel.Source modelSource;
    private final Clock clock;
    private transient SignalModel model;

    public DecodeApprovals(SignalModel.Source modelSource, Clock clock) {
        this.modelSource = modelSource;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext context) {
        model = modelSource.load();
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<ApprovalRecord> out) {
        Decoded<ApprovalRecord> d = ApprovalRecord.parse(r);
        if (d.isOk()) {
            out.collect(d.value().inGroup(model.groupOf(d.value().intersectionId())));
        } else {
            ctx.output(DecodeFlows.DEAD_LETTERS, DeadLetter.of(r.value(), r.topic() == null ? "unknown" : r.topic(),
                    r.partition(), r.offset(), d.reason(), clock.instant()));
        }
    }
}
