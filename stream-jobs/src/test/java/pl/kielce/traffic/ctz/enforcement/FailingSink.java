package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a sink and, once armed, fails the task on every {@code everyNthRow}-th row until {@code failures} failures
 * were injected: the job then restarts from its last checkpoint. Static state: one MiniCluster JVM, restarts included.
 */
final class FailingSink<T> implements Sink<T> {
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicInteger ROWS_SINCE_ARMED = new AtomicInteger();
    static final AtomicInteger FAILURES = new AtomicInteger();
    /** The checkpoint each writer was restored from (empty = fresh start), in creation order. */
    static final List<String> RESTORED_FROM = new CopyOnWriteArrayList<>();

    private final Sink<T> inner;
    private final int everyNthRow;
    private final int failures;

    FailingSink(Sink<T> inner, int everyNthRow, int failures) {
        this.inner = inner;
        this.everyNthRow = everyNthRow;
        this.failures = failures;
    }

    static void reset() {
        ARMED.set(false);
        ROWS_SINCE_ARMED.set(0);
        FAILURES.set(0);
        RESTORED_FROM.clear();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        RESTORED_FROM.add(context.getRestoredCheckpointId().isPresent() ? "checkpoint " + context.getRestoredCheckpointId().getAsLong() : "fresh");
        SinkWriter<T> w = inner.createWriter(context);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException, InterruptedException {
                if (ARMED.get() && ROWS_SINCE_ARMED.incrementAndGet() % everyNthRow == 0 && FAILURES.get() < failures) {
                    FAILURES.incrementAndGet();
                    throw new IllegalStateException("injected failure #" + FAILURES.get() + " (test)");
                }
                w.write(element, ctx);
            }

            @Override
            public void flush(boolean endOfInput) throws IOException, InterruptedException {
                w.flush(endOfInput);
            }

            @Override
            public void close() throws Exception {
                w.close();
            }
        };
    }
}
