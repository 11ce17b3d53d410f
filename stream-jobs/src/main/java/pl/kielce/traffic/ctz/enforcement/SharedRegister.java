package pl.kielce.traffic.ctz.enforcement;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the enrichment subtasks of one job in one JVM (a Flink TaskManager) share: one register client (its threads and
 * connections) and the lookups made through it — in flight or answered within the cache's time to live. Each subtask
 * keeps its own {@link LookupCache} for the per-read probe; only its misses come here. So a plate two subtasks both
 * see (every plate: the reads reach the enrichment before they are grouped by plate) costs the registers one query,
 * not one per subtask (in the benchmark at parallelism 2, PostgreSQL's CPU per million reads went from 1.8–2.2 s to
 * 1.3–1.7 s, the rest being case writes), and a TaskManager holds one client's connections, not one per slot.
 *
 * <p>An answer keeps the time it was fetched: a subtask's cache counts its time to live from then, so no answer is
 * used longer than {@link EnforcementSettings#cacheTtl()} after the registers gave it. UNAVAILABLE answers are not
 * kept (the next read asks again).
 */
final class SharedRegister {
    /** An answer and when ({@code nanoClock}) the registers gave it. */
    record Answered(RegisterAnswer answer, long fetchedNanos) { }

    private static final Map<String, SharedRegister> BY_JOB = new HashMap<>();

    private final String jobKey;
    private final RegisterClient client;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, CompletableFuture<Answered>> lookups = new ConcurrentHashMap<>();
    private int users;

    SharedRegister(String jobKey, RegisterClient client, long ttlNanos, int maxEntries, LongSupplier nanoClock) {
        this.jobKey = jobKey;
        this.client = client;
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /**
     * The shared instance of {@code jobKey} (one per job: the enrichment function's id, the same in all its subtasks),
     * opening the client on first use; every {@code acquire} needs one {@link #release}.
     */
    static SharedRegister acquire(String jobKey, RegisterClient.Factory factory, long ttlNanos, int maxEntries) throws Exception {
        synchronized (BY_JOB) {
            SharedRegister shared = BY_JOB.get(jobKey);
            if (shared == null) {
                shared = new SharedRegister(jobKey, factory.open(), ttlNanos, maxEntries, System::nanoTime);
                BY_JOB.put(jobKey, shared);
            }
            shared.users++;
            return shared;
        }
    }

    /** Gives back one {@link #acquire}; the last one closes the client. */
    void release() throws Exception {
        synchronized (BY_JOB) {
            if (--users > 0) return;
            BY_JOB.remove(jobKey, this);
        }
        lookups.clear();
        client.close();
    }

    RegisterClient client() {
        return client;
    }

    /**
     * The plate's answer: the lookup in flight or answered within the time to live, else a new one from
     * {@code lookup} (called at most once per plate at a time, by whichever subtask asks first).
     */
    CompletableFuture<Answered> lookup(String plate, Supplier<CompletableFuture<RegisterAnswer>> lookup) {
        CompletableFuture<Answered> known = lookups.get(plate);
        if (usable(known)) return known;
        CompletableFuture<Answered> mine = new CompletableFuture<>();
        CompletableFuture<Answered> winner = lookups.compute(plate, (k, old) -> usable(old) ? old : mine);
        if (winner != mine) return winner;
        if (lookups.size() > maxEntries) trim();
        // started outside compute: the answer may come at once, and its clean-up touches the map
        CompletableFuture<RegisterAnswer> started;
        try {
            started = lookup.get();
        } catch (RuntimeException e) { // never leave the plate "in flight" for ever: its reads would wait for it
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((a, error) -> {
            RegisterAnswer answer = error != null || a == null
                    ? RegisterAnswer.unavailable(error == null ? "no answer" : error.getClass().getSimpleName()) : a;
            if (!answer.available()) lookups.remove(plate, mine);
            mine.complete(new Answered(answer, nanoClock.getAsLong()));
        });
        return mine;
    }

    /** Lookups held (in flight or answered), for tests. */
    int size() {
        return lookups.size();
    }

    private boolean usable(CompletableFuture<Answered> f) {
        if (f == null) return false;
        if (!f.isDone()) return true; // in flight: share it
        Answered a = f.getNow(null);
        return a != null && a.answer().available() && nanoClock.getAsLong() - a.fetchedNanos() <= ttlNanos;
    }

    /** Drops answers past their time to live; if that is not enough, answered ones until a quarter is free. */
    private void trim() {
        for (Iterator<CompletableFuture<Answered>> it = lookups.values().iterator(); it.hasNext(); ) {
            CompletableFuture<Answered> f = it.next();
            if (f.isDone() && !usable(f)) it.remove();
        }
        for (Iterator<CompletableFuture<Answered>> it = lookups.values().iterator(); it.hasNext() && lookups.size() > maxEntries * 3 / 4; ) {
            if (it.next().isDone()) it.remove();
        }
    }
}
