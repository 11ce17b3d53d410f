package pl.kielce.traffic.counts;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.RawRecord;

import java.time.Clock;

/**
 * Decodes each raw record as an {@link AnprRead}: valid → a {@link Passage} (no plate); invalid → a
 * {@link DeadLetter} with the reason on side output {@link #DEAD_LETTERS}. Never throws.
 */
public final class ValidateRead extends ProcessFunction<RawRecord, Passage> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") { };

    private final Clock clock;

    public ValidateRead(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<Passage> out) {
        Decoded<Passage> passage = toPassage(record);
        if (passage.isOk()) {
            out.collect(passage.value());
        } else {
            ctx.output(DEAD_LETTERS, DeadLetter.of(record.value(),
                    record.topic() == null ? Topics.ANPR_READS : record.topic(),
                    record.partition(), record.offset(), passage.reason(), clock.instant()));
        }
    }

    /** The passage in a raw read, or why there is none. */
    public static Decoded<Passage> toPassage(RawRecord record) {
        try {
            return EventCodec.decode(record.value(), AnprRead.class).map(ValidateRead::toPassage);
        } catch (RuntimeException e) { // EventCodec does not throw; this guards the job regardless
            return Decoded.failed("cannot process read: " + e.getClass().getSimpleName());
        }
    }

    public static Passage toPassage(AnprRead read) {
        return new Passage(read.cameraId(), read.capturedAt().toInstant().toEpochMilli());
    }
}
