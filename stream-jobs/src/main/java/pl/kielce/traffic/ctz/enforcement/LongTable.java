package pl.kielce.traffic.ctz.enforcement;

/**
 * A hash table for the job's per-read lookups ({@link OpenPassages}, {@link LookupCache}): key = a positive long
 * (a plate's {@link #plateCode}) and an int, value = a few longs and one object. Open addressing with linear probing,
 * key and longs side by side in one array, so a lookup touches one or two cache lines — a {@code HashMap} touches
 * the table, a node, the key string, its bytes and the value object, each a cache miss once the map outgrows the
 * cache (those lookups were a third of the deciding task's and a fifth of the reading task's profile). Deletion moves
 * later entries of the probe run back (no tombstones). Not thread-safe.
 */
final class LongTable {
    private final int stride;
    private long[] slots;
    private Object[] objects;
    private int mask;
    private int size;

    /** @param longs values per entry besides the object */
    LongTable(int longs) {
        this.stride = 2 + longs;
        this.slots = new long[stride * 1024];
        this.objects = new Object[1024];
        this.mask = 1023;
    }

    /**
     * A plate as a number: base 37 over {@code [A-Z0-9]}, at most 12 characters (37^12 < 2^63) — the contract's plate
     * ({@code AnprRead}), one to one; -1 for anything else.
     */
    static long plateCode(String plate) {
        int n = plate.length();
        if (n < 1 || n > 12) return -1;
        long code = 0;
        for (int i = 0; i < n; i++) {
            char c = plate.charAt(i);
            int d;
            if (c >= 'A' && c <= 'Z') d = c - 'A' + 1;
            else if (c >= '0' && c <= '9') d = c - '0' + 27;
            else return -1;
            code = code * 37 + d;
        }
        return code;
    }

    /** The entry's slot, -1 when absent. */
    int find(long key, int key2) {
        for (int i = home(key, key2); ; i = (i + 1) & mask) {
            long k = slots[stride * i];
            if (k == 0) return -1;
            if (k == key && (int) slots[stride * i + 1] == key2) return i;
        }
    }

    /** The entry's slot, a new (zeroed) entry when absent. {@code key} must be positive. */
    int insert(long key, int key2) {
        int slot = find(key, key2);
        if (slot >= 0) return slot;
        if (2 * (size + 1) > mask + 1) grow();
        slot = home(key, key2);
        while (slots[stride * slot] != 0) slot = (slot + 1) & mask;
        slots[stride * slot] = key;
        slots[stride * slot + 1] = key2;
        size++;
        return slot;
    }

    long get(int slot, int field) {
        return slots[stride * slot + 2 + field];
    }

    void set(int slot, int field, long value) {
        slots[stride * slot + 2 + field] = value;
    }

    Object object(int slot) {
        return objects[slot];
    }

    void object(int slot, Object value) {
        objects[slot] = value;
    }

    int size() {
        return size;
    }

    /** Empties a slot, moving later entries of its probe run back. */
    void delete(int slot) {
        int free = slot;
        for (int i = (slot + 1) & mask; slots[stride * i] != 0; i = (i + 1) & mask) {
            int home = home(slots[stride * i], (int) slots[stride * i + 1]);
            // the entry at i may fill the free slot unless its home lies in (free, i], cyclically
            boolean stays = free <= i ? (home > free && home <= i) : (home > free || home <= i);
            if (!stays) {
                System.arraycopy(slots, stride * i, slots, stride * free, stride);
                objects[free] = objects[i];
                free = i;
            }
        }
        java.util.Arrays.fill(slots, stride * free, stride * free + stride, 0L);
        objects[free] = null;
        size--;
    }

    private int home(long key, int key2) {
        long h = (key ^ ((long) key2 << 48)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    private void grow() {
        long[] old = slots;
        Object[] oldObjects = objects;
        int capacity = 2 * (mask + 1);
        slots = new long[stride * capacity];
        objects = new Object[capacity];
        mask = capacity - 1;
        for (int i = 0; i < oldObjects.length; i++) {
            if (old[stride * i] == 0) continue;
            int slot = home(old[stride * i], (int) old[stride * i + 1]);
            while (slots[stride * slot] != 0) slot = (slot + 1) & mask;
            System.arraycopy(old, stride * i, slots, stride * slot, stride);
            objects[slot] = oldObjects[i];
        }
    }
}
