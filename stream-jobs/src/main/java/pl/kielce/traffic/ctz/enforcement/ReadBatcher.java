package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups consecutive reads into {@link ReadBatch}es for the register lookup: Flink's async operator hands every
 * element's result back through the task's mailbox (a lock and a queue entry per element — with a cache answering
 * almost every read at once, that was two fifths of the reading task's CPU); per batch it does that once.
 *
 * <p>A batch goes on when it has {@code maxReads} reads, {@code lingerMillis} (processing time) after its first read,
 * before every watermark (no read may fall behind the event time it belongs to), before every checkpoint barrier
 * (so no read waits here unrecorded: this operator keeps no state) and at the end of the input. Order is kept.
 * Chained between the watermarks and the async operator; no plate is logged.
 */
public final class ReadBatcher extends FlushingOperator<PlateRead, ReadBatch> implements ProcessingTimeService.ProcessingTimeCallback {
    private final int maxReads;
    private final long lingerMillis;
    private transient List<PlateRead> pending;
    private transient long pendingTimestamp;
    private transient boolean timerSet;

    public ReadBatcher(int maxReads, long lingerMillis) {
        if (maxReads < 1) throw new IllegalArgumentException("maxReads must be at least 1, was " + maxReads);
        if (lingerMillis < 0) throw new IllegalArgumentException("lingerMillis must not be negative, was " + lingerMillis);
        this.maxReads = maxReads;
        this.lingerMillis = lingerMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new ArrayList<>(maxReads);
        pendingTimestamp = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<PlateRead> element) {
        pending.add(element.getValue());
        if (element.hasTimestamp()) pendingTimestamp = Math.max(pendingTimestamp, element.getTimestamp());
        if (pending.size() >= maxReads) {
            flush();
        } else if (!timerSet) {
            ProcessingTimeService time = getProcessingTimeService();
            time.registerTimer(time.getCurrentProcessingTime() + lingerMillis, this);
            timerSet = true;
        }
    }

    @Override
    public void onProcessingTime(long time) {
        timerSet = false;
        flush();
    }

    @Override
    protected void flush() {
        if (pending.isEmpty()) return;
        ReadBatch batch = new ReadBatch(pending);
        output.collect(pendingTimestamp == Long.MIN_VALUE ? new StreamRecord<>(batch) : new StreamRecord<>(batch, pendingTimestamp));
        pending.clear();
        pendingTimestamp = Long.MIN_VALUE;
    }
}
