package pl.kielce.traffic.ctz.enforcement;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * A bounded cache of register answers with a time to live; UNAVAILABLE answers are never stored. When full, the
 * oldest entry goes (first in, first out — with a time to live of a minute that is as good as least recently used).
 *
 * <p>Looked up on the task thread for every read, so a lookup is one probe of a {@link LongTable} by plate code
 * (a {@code ConcurrentHashMap} by plate string was a fifth of the reading task's profile, in cache misses). The table
 * is only touched by the task thread: answers found by the register client's threads are handed over through a
 * queue ({@link #put}, any thread) and entered at the next lookup.
 */
final class LookupCache {
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    /** Answer by plate code; the one long is when it was stored. */
    private final LongTable table = new LongTable(1);
    private final ConcurrentLinkedQueue<Arrived> arrived = new ConcurrentLinkedQueue<>();
    /** (plate code, stored at) of every entry made, oldest first; a replaced entry's pair no longer matches. */
    private final LongRing order = new LongRing(2);

    private record Arrived(long plateCode, RegisterAnswer answer, long storedNanos) { }

    LookupCache(long ttlNanos, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** The cached answer, null when none or expired. Task thread only. */
    RegisterAnswer get(String plate) {
        if (maxEntries == 0) return null;
        enterArrived();
        long code = LongTable.plateCode(plate);
        int slot = code <= 0 ? -1 : table.find(code, 0);
        if (slot < 0) return null;
        if (nanoClock.getAsLong() - table.get(slot, 0) > ttlNanos) {
            table.delete(slot);
            return null;
        }
        return (RegisterAnswer) table.object(slot);
    }

    /** Keeps {@code answer} for {@code plate} (from any thread; visible to the next {@link #get}). */
    void put(String plate, RegisterAnswer answer) {
        put(plate, answer, nanoClock.getAsLong());
    }

    /** Keeps {@code answer}, fetched at {@code fetchedNanos}: its time to live counts from then. */
    void put(String plate, RegisterAnswer answer, long fetchedNanos) {
        if (maxEntries == 0 || answer == null || !answer.available()) return;
        long code = LongTable.plateCode(plate);
        if (code > 0) arrived.add(new Arrived(code, answer, fetchedNanos));
    }

    /** Entries in the table (task thread). */
    int size() {
        enterArrived();
        return table.size();
    }

    private void enterArrived() {
        for (Arrived a; (a = arrived.poll()) != null; ) {
            int slot = table.insert(a.plateCode(), 0);
            table.set(slot, 0, a.storedNanos());
            table.object(slot, a.answer());
            int o = order.add();
            order.set(o, 0, a.plateCode());
            order.set(o, 1, a.storedNanos());
            // the oldest go when the table is full; pairs of replaced or expired entries go when they pile up
            while (table.size() > maxEntries || order.size() > 2 * maxEntries) {
                int oldest = table.find(order.first(0), 0);
                if (oldest >= 0 && table.get(oldest, 0) == order.first(1)) table.delete(oldest);
                order.removeFirst();
            }
        }
    }
}
