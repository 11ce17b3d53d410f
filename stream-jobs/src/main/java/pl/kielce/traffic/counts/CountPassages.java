package pl.kielce.traffic.counts;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import pl.kielce.traffic.events.PassageCount;

import java.time.Instant;

/** Counting passages per window: an incremental count, then the window's bounds added. */
public final class CountPassages {
    private CountPassages() {
    }

    /** Adds one per passage; keeps only a long in state. */
    public static final class Count implements AggregateFunction<Passage, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Passage passage, Long count) {
            return count + 1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** Emits {@link PassageCount}(camera, window start, window end, count). */
    public static final class ToPassageCount extends ProcessWindowFunction<Long, PassageCount, String, TimeWindow> {
        @Override
        public void process(String cameraId, Context context, Iterable<Long> counts, Collector<PassageCount> out) {
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            TimeWindow w = context.window();
            out.collect(new PassageCount(cameraId, Instant.ofEpochMilli(w.getStart()), Instant.ofEpochMilli(w.getEnd()), total));
        }
    }
}
