package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.streams.RawRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.Topics;

import java.time.Clock;

/** Checks each {@code policy.updates} record; a pack that does not load is dead-lettered with the loader's problems. */
public final class ValidatePolicyUpdates extends ProcessFunction<RawRecord, PolicyPack> {
    private final Clock clock;

    public ValidatePolicyUpdates(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<PolicyPack> out) {
        Decoded<String> pack = PolicyUpdates.validate(record.value());
        if (pack.isOk()) {
            out.collect(new PolicyPack(pack.value(), record.partition(), record.offset()));
        } else {
            RawRecord src = record.topic() == null
                    ? new RawRecord(Topics.POLICY_UPDATES, -1, -1L, record.key(), record.value()) : record;
            ctx.output(EnforcementJob.DEAD_LETTERS, DeadLetters.of(src, pack.reason(), clock.instant(), Topics.DEAD_LETTER));
        }
    }
}
