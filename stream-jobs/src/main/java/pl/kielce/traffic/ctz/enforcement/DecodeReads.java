package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.streams.RawRecord;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.Topics;

import java.time.Clock;

/**
 * Decodes {@code anpr.reads} records into {@link PlateRead}s ({@link ReadDecoder}: a streaming fast path, the codec's answer). A record that does not decode goes to the
 * dead-letter side output ({@link EnforcementJob#DEAD_LETTERS}) with the reason and its bytes as received.
 * Never throws on bad input.
 */
public final class DecodeReads extends ProcessFunction<RawRecord, PlateRead> {
    private final Clock clock;
    private transient Counter readsIn;
    private transient Counter deadLetters;

    public DecodeReads(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
        readsIn = getRuntimeContext().getMetricGroup().counter(Metrics.READS_IN);
        deadLetters = getRuntimeContext().getMetricGroup().counter(Metrics.DEAD_LETTERS);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<PlateRead> out) {
        if (readsIn != null) readsIn.inc();
        Decoded<PlateRead> decoded = ReadDecoder.decode(record.value());
        if (decoded.isOk()) {
            out.collect(decoded.value());
        } else {
            if (deadLetters != null) deadLetters.inc();
            ctx.output(EnforcementJob.DEAD_LETTERS, DeadLetters.of(record, decoded.reason(), clock.instant(), Topics.ANPR_READS_DLQ));
        }
    }

    /** The decoding alone, for tests: the read or the reason. */
    public static Decoded<PlateRead> decode(byte[] value) {
        return ReadDecoder.decode(value);
    }

    static OutputTag<RawRecord> tag() {
        return EnforcementJob.DEAD_LETTERS;
    }
}
