package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.HashMap;
import java.util.Map;

/**
 * Sums {@link DecisionCount}s per cell inside one subtask before they are shuffled to {@link CountFunction}: one
 * record per cell and checkpoint instead of one per passage. Chained to the deciding operator. Nothing is lost on a
 * failure: the sums are emitted before every checkpoint barrier ({@link FlushingOperator}), so what a checkpoint
 * covers has reached the counting operator's state, and what it does not is replayed from the source. Also emitted
 * before each watermark (the counting operator drops a cell when event time passes its hour, so none may overtake
 * it), when {@code maxCells} cells are pending and at the end of a bounded input. No plate in here.
 */
public final class CountPreAggregator extends FlushingOperator<DecisionCount, DecisionCount> {
    private final int maxCells;
    /** Keyed by the cell itself (the count set to 0): record equality, no key string built per passage. */
    private transient Map<DecisionCount, DecisionCount> pending;

    public CountPreAggregator(int maxCells) {
        if (maxCells < 1) throw new IllegalArgumentException("maxCells must be at least 1, was " + maxCells);
        this.maxCells = maxCells;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<DecisionCount> element) {
        DecisionCount c = element.getValue();
        pending.merge(c.withPassages(0), c, (a, b) -> a.withPassages(a.passages() + b.passages()));
        if (pending.size() >= maxCells) flush();
    }

    @Override
    protected void flush() {
        if (pending.isEmpty()) return;
        StreamRecord<DecisionCount> r = new StreamRecord<>(null);
        for (DecisionCount c : pending.values()) {
            // the hour start as timestamp: CountFunction's event-time cleanup is per cell, not per record
            output.collect(r.replace(c, c.hourStartMillis()));
        }
        pending.clear();
    }
}
