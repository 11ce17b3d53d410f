package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * An operator that holds elements for a moment and passes them on ({@link #flush}) before every watermark (none may
 * fall behind the event time it belongs to), before every checkpoint barrier (so it needs no state: what a checkpoint
 * covers has gone downstream, the rest is replayed from the source) and at the end of its input.
 */
abstract class FlushingOperator<IN, OUT> extends AbstractStreamOperator<OUT> implements OneInputStreamOperator<IN, OUT> {

    /** Emits what is held. */
    protected abstract void flush();

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }
}
