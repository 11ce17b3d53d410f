package pl.kielce.traffic.ctz.enforcement;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A bounded cache of register answers with a time to live; UNAVAILABLE answers are never stored. When full, the
 * oldest entry goes (first in, first out — with a time to live of a minute that is as good as least recently used,
 * and a lookup, the hot path, takes no lock and changes nothing). Thread-safe: the task thread reads, the register
 * client's threads write.
 */
final class LookupCache {
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Entry> map = new ConcurrentHashMap<>(1024);
    private final ArrayDeque<String> insertionOrder = new ArrayDeque<>(); // guarded by itself

    private record Entry(RegisterAnswer answer, long storedNanos) { }

    LookupCache(long ttlNanos, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    RegisterAnswer get(String plate) {
        if (maxEntries == 0) return null;
        Entry e = map.get(plate);
        if (e == null) return null;
        if (nanoClock.getAsLong() - e.storedNanos > ttlNanos) {
            map.remove(plate, e);
            return null;
        }
        return e.answer;
    }

    void put(String plate, RegisterAnswer answer) {
        if (maxEntries == 0 || answer == null || !answer.available()) return;
        synchronized (insertionOrder) {
            if (map.put(plate, new Entry(answer, nanoClock.getAsLong())) == null) insertionOrder.addLast(plate);
            while (map.size() > maxEntries && !insertionOrder.isEmpty()) map.remove(insertionOrder.removeFirst());
            // keys removed by expiry stay in the queue until they reach its head; bound it as well
            for (int scan = insertionOrder.size(); insertionOrder.size() > 2 * maxEntries && scan > 0; scan--) {
                String k = insertionOrder.removeFirst();
                if (map.containsKey(k)) insertionOrder.addLast(k);
            }
        }
    }

    int size() {
        return map.size();
    }
}
