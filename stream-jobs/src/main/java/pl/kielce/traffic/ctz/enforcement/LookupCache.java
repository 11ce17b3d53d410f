package pl.kielce.traffic.ctz.enforcement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A small LRU cache of register answers with a time to live; UNAVAILABLE answers are never stored.
 * Thread-safe (the task thread reads, the register client's threads write).
 */
final class LookupCache {
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, Entry> map;

    private record Entry(RegisterAnswer answer, long storedNanos) { }

    LookupCache(long ttlNanos, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.map = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > LookupCache.this.maxEntries;
            }
        };
    }

    synchronized RegisterAnswer get(String plate) {
        if (maxEntries == 0) return null;
        Entry e = map.get(plate);
        if (e == null) return null;
        if (nanoClock.getAsLong() - e.storedNanos > ttlNanos) {
            map.remove(plate);
            return null;
        }
        return e.answer;
    }

    synchronized void put(String plate, RegisterAnswer answer) {
        if (maxEntries == 0 || answer == null || !answer.available()) return;
        map.put(plate, new Entry(answer, nanoClock.getAsLong()));
    }

    synchronized int size() {
        return map.size();
    }
}
