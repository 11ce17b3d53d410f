package pl.kielce.traffic.ctz.enforcement;

/**
 * A first-in, first-out queue of records of {@code fields} longs, growing as needed: the age order beside a
 * {@link LongTable} ({@link OpenPassages}, {@link LookupCache}). No object per record. Not thread-safe.
 */
final class LongRing {
    private final int fields;
    private long[] records;
    private int head;
    private int count;

    LongRing(int fields) {
        this.fields = fields;
        this.records = new long[fields * 1024];
    }

    int size() {
        return count;
    }

    /** Appends a record (all fields 0) and returns its position for {@link #set}. */
    int add() {
        int capacity = records.length / fields;
        if (count == capacity) {
            long[] next = new long[records.length * 2];
            for (int k = 0; k < count; k++) System.arraycopy(records, fields * ((head + k) % capacity), next, fields * k, fields);
            records = next;
            head = 0;
            capacity *= 2;
        }
        int position = fields * ((head + count) % capacity);
        java.util.Arrays.fill(records, position, position + fields, 0L);
        count++;
        return position;
    }

    void set(int position, int field, long value) {
        records[position + field] = value;
    }

    /** A field of the oldest record; the ring must not be empty. */
    long first(int field) {
        return records[fields * head + field];
    }

    void removeFirst() {
        head = (head + 1) % (records.length / fields);
        count--;
    }
}
