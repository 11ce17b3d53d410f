package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Flink async I/O: asks the registers about the plate of each read, before the reads are grouped by plate (so the
 * job needs one keyed stage, not two), a {@link ReadBatch} at a time (one result hand-over per batch, not per read).
 * Answers are cached per subtask ({@link EnforcementSettings#cacheTtl()}); misses go to the {@link SharedRegister} of
 * the job's subtasks in this JVM (one client, one query per plate for all of them); an UNAVAILABLE answer is retried
 * ({@link EnforcementSettings#registerAttempts()}); a lookup that runs out of time becomes
 * UNAVAILABLE (each attempt has {@code registerTimeout / registerAttempts}) — the decision then is REVIEW, never
 * VIOLATION. The deadline is the lookup's own, so cache hits (most reads) cost no timer.
 */
public final class RegisterEnrichment extends RichAsyncFunction<ReadBatch, EnrichedRead> {
    private final RegisterClient.Factory clientFactory;
    private final EnforcementSettings settings;

    private final long timeoutMillis;
    /** The same in every subtask of this job (it travels with the function): the key of their {@link SharedRegister}. */
    private final String jobKey = UUID.randomUUID().toString();
    private transient SharedRegister shared;
    private transient LookupCache cache;
    private transient Histogram latencyMs;
    private transient Counter cacheHits;
    private transient Counter unavailable;

    public RegisterEnrichment(RegisterClient.Factory clientFactory, EnforcementSettings settings) {
        this.clientFactory = clientFactory;
        this.settings = settings;
        this.timeoutMillis = Math.max(1, settings.registerTimeout().toMillis() / settings.registerAttempts());
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        shared = SharedRegister.acquire(jobKey, clientFactory, settings.cacheTtl().toNanos(), settings.cacheMaxEntries());
        cache = new LookupCache(settings.cacheTtl().toNanos(), settings.cacheMaxEntries(), System::nanoTime);
        latencyMs = getRuntimeContext().getMetricGroup().histogram(Metrics.REGISTER_LATENCY_MS, new DescriptiveStatisticsHistogram(10_000));
        cacheHits = getRuntimeContext().getMetricGroup().counter(Metrics.REGISTER_CACHE_HITS);
        unavailable = getRuntimeContext().getMetricGroup().counter(Metrics.REGISTER_UNAVAILABLE);
    }

    @Override
    public void close() throws Exception {
        if (shared != null) shared.release();
        shared = null;
    }

    @Override
    public void asyncInvoke(ReadBatch batch, ResultFuture<EnrichedRead> result) {
        List<PlateRead> reads = batch.reads();
        EnrichedRead[] out = new EnrichedRead[reads.size()];
        List<CompletableFuture<Void>> waiting = null;
        for (int i = 0; i < out.length; i++) {
            PlateRead read = reads.get(i);
            RegisterAnswer cached = cache.get(read.plate());
            if (cached != null) {
                cacheHits.inc();
                out[i] = new EnrichedRead(read, cached);
                continue;
            }
            if (waiting == null) waiting = new ArrayList<>();
            int k = i;
            waiting.add(lookup(read.plate()).thenAccept(a -> out[k] = new EnrichedRead(read, a)));
        }
        if (waiting == null) {
            result.complete(Arrays.asList(out));
        } else { // in order, once every lookup of the batch has an answer (allOf: their writes to out are visible)
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).thenRun(() -> result.complete(Arrays.asList(out)));
        }
    }

    /**
     * The answer for a plate not in this subtask's cache: from the job's {@link SharedRegister} — a lookup another
     * subtask (or this one) has in flight or made within the time to live, else a new one (register latency measured).
     */
    private CompletableFuture<RegisterAnswer> lookup(String plate) {
        return shared.lookup(plate, () -> {
            long started = System.nanoTime();
            return lookupWithRetries(shared.client(), plate, 1, settings.registerAttempts(), timeoutMillis,
                    settings.registerRetryDelay().toMillis())
                    .whenComplete((a, error) -> latencyMs.update((System.nanoTime() - started) / 1_000_000L));
        }).thenApply(a -> {
            if (a.answer().available()) cache.put(plate, a.answer(), a.fetchedNanos());
            else unavailable.inc();
            return a.answer();
        });
    }

    /**
     * One attempt with its own deadline ({@code registerTimeout / registerAttempts}); an UNAVAILABLE answer is tried
     * again after {@code registerRetryDelay}, up to {@code registerAttempts} in all. Only cache misses pay for timers.
     */
    static CompletableFuture<RegisterAnswer> lookupWithRetries(RegisterClient client, String plate, int attempt,
                                                               int attempts, long timeoutMillis, long retryDelayMillis) {
        CompletableFuture<RegisterAnswer> f;
        try {
            f = client.lookup(plate);
        } catch (RuntimeException e) {
            f = CompletableFuture.completedFuture(RegisterAnswer.unavailable(e.getClass().getSimpleName()));
        }
        f = f.completeOnTimeout(RegisterAnswer.unavailable("timeout after " + timeoutMillis + " ms"), timeoutMillis,
                        TimeUnit.MILLISECONDS)
                .exceptionally(e -> RegisterAnswer.unavailable(e.getClass().getSimpleName()));
        if (attempt >= attempts) return f;
        return f.thenCompose(a -> a.available() ? CompletableFuture.completedFuture(a)
                : CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(
                        retryDelayMillis, TimeUnit.MILLISECONDS))
                .thenCompose(x -> lookupWithRetries(client, plate, attempt + 1, attempts, timeoutMillis, retryDelayMillis)));
    }

    @Override
    public void timeout(ReadBatch batch, ResultFuture<EnrichedRead> result) {
        RegisterAnswer timedOut = RegisterAnswer.unavailable("timeout after " + settings.registerTimeout().toMillis() + " ms");
        List<EnrichedRead> out = new ArrayList<>(batch.reads().size());
        for (PlateRead read : batch.reads()) out.add(new EnrichedRead(read, timedOut));
        if (unavailable != null) unavailable.inc(out.size());
        result.complete(out);
    }
}
