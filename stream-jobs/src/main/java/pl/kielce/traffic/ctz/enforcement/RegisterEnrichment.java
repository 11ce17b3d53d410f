package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Flink async I/O: asks the registers about the plate of each passage start (attachments pass through).
 * Answers are cached per subtask ({@link EnforcementSettings#cacheTtl()}); an UNAVAILABLE answer is retried by
 * the operator's retry strategy ({@link #retryWhenUnavailable()}); a lookup that runs out of time becomes
 * UNAVAILABLE ({@link #timeout}) — the decision then is REVIEW, never VIOLATION.
 */
public final class RegisterEnrichment extends RichAsyncFunction<PassageEvent, EnrichedPassage> {
    private final RegisterClient.Factory clientFactory;
    private final EnforcementSettings settings;

    private transient RegisterClient client;
    private transient LookupCache cache;
    private transient Histogram latencyMs;
    private transient Counter cacheHits;
    private transient Counter unavailable;

    public RegisterEnrichment(RegisterClient.Factory clientFactory, EnforcementSettings settings) {
        this.clientFactory = clientFactory;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        client = clientFactory.open();
        cache = new LookupCache(settings.cacheTtl().toNanos(), settings.cacheMaxEntries(), System::nanoTime);
        latencyMs = getRuntimeContext().getMetricGroup().histogram(Metrics.REGISTER_LATENCY_MS, new DescriptiveStatisticsHistogram(10_000));
        cacheHits = getRuntimeContext().getMetricGroup().counter(Metrics.REGISTER_CACHE_HITS);
        unavailable = getRuntimeContext().getMetricGroup().counter(Metrics.REGISTER_UNAVAILABLE);
    }

    @Override
    public void close() throws Exception {
        if (client != null) client.close();
    }

    @Override
    public void asyncInvoke(PassageEvent event, ResultFuture<EnrichedPassage> result) {
        if (!event.start()) {
            result.complete(List.of(new EnrichedPassage(event, null)));
            return;
        }
        String plate = event.read().plate();
        RegisterAnswer cached = cache.get(plate);
        if (cached != null) {
            cacheHits.inc();
            result.complete(List.of(new EnrichedPassage(event, cached)));
            return;
        }
        long started = System.nanoTime();
        client.lookup(plate).whenComplete((answer, error) -> {
            RegisterAnswer a = error != null || answer == null
                    ? RegisterAnswer.unavailable(error == null ? "no answer" : error.getClass().getSimpleName()) : answer;
            latencyMs.update((System.nanoTime() - started) / 1_000_000L);
            if (a.available()) cache.put(plate, a);
            else unavailable.inc();
            result.complete(List.of(new EnrichedPassage(event, a)));
        });
    }

    @Override
    public void timeout(PassageEvent event, ResultFuture<EnrichedPassage> result) {
        if (unavailable != null) unavailable.inc();
        result.complete(List.of(new EnrichedPassage(event,
                event.start() ? RegisterAnswer.unavailable("timeout after " + settings.registerTimeout().toMillis() + " ms") : null)));
    }

    /** Retry predicate: the (single) result is an UNAVAILABLE answer. */
    static Predicate<Collection<EnrichedPassage>> retryWhenUnavailable() {
        return (Predicate<Collection<EnrichedPassage>> & java.io.Serializable) results -> {
            for (EnrichedPassage e : results) {
                if (e.answer() != null && !e.answer().available()) return true;
            }
            return false;
        };
    }
}
