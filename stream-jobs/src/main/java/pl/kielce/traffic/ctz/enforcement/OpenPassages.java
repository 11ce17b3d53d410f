package pl.kielce.traffic.ctz.enforcement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.function.Predicate;

/**
 * The open passages of one deciding subtask: for each plate and zone key, the passage its next reads belong to while
 * they are within the passage window — for every vehicle, allowed or not, since the passage decides whether a read
 * is decided at all. Kept in this subtask's memory instead of Flink's keyed state: a plain hash map looked up once per
 * read, expired in age order when event time passes (no timer per plate), and checkpointed as one byte array (the
 * heap backend copied, partitioned and wrote every plate's entry and timer at every checkpoint: a fifth of the job's
 * CPU, the timers another tenth of the deciding task's).
 *
 * <p>A checkpoint costs one array copy: each passage is written once, when it opens, to an append-only log (a later
 * record updates its evidence count); the log from the oldest passage still kept onwards <em>is</em> the snapshot.
 * {@link EnforceFunction} keeps it in union operator state; a restore replays the logs of all subtasks and keeps the
 * passages of the plates whose key groups the subtask owns now, so rescaling works as with keyed state. Passages of a
 * replayed log that were replaced are replaced again; expired ones are dropped at the next watermark.
 *
 * <p>Plates of compliant vehicles are here (and in checkpoints) only while their passage is open, as they were in
 * keyed state; nothing here is ever logged. Not thread-safe: one per operator instance.
 */
final class OpenPassages {
    /** Format of {@link #snapshot()} (its first byte). */
    private static final byte FORMAT = 1;
    private static final byte OPENED = 'O';
    private static final byte EVIDENCE = 'E';

    /** One open passage; {@code evidenceReads} counts the reads attached to its case so far. */
    static final class Open {
        final String plate;
        final String zoneKey;
        final long firstSeenMillis;
        final long expiresAtMillis;
        /** The case its reads are attached to; null for ALLOWED and EXEMPT passages. */
        final String caseId;
        int evidenceReads;
        /** The plate's passage in another zone key, if any. */
        private Open next;
        /** Where its record starts in the log (absolute position). */
        private long logPos;

        Open(String plate, String zoneKey, long firstSeenMillis, long expiresAtMillis, String caseId, int evidenceReads) {
            this.plate = plate;
            this.zoneKey = zoneKey;
            this.firstSeenMillis = firstSeenMillis;
            this.expiresAtMillis = expiresAtMillis;
            this.caseId = caseId;
            this.evidenceReads = evidenceReads;
        }
    }

    private final HashMap<String, Open> byPlate = new HashMap<>();
    /** In the order they were opened (≈ expiry order; a replaced passage stays here until it expires). */
    private final ArrayDeque<Open> byAge = new ArrayDeque<>();
    private int size;

    /** The log: {@code log[0]} is at absolute position {@code logBase}, the records needed start at {@code logStart}. */
    private byte[] log = new byte[1 << 16];
    private long logBase;
    private long logStart;
    private int logLength;

    /** The plate's passage in {@code zoneKey}, expired or not, or null. */
    Open get(String plate, String zoneKey) {
        for (Open o = byPlate.get(plate); o != null; o = o.next) if (o.zoneKey.equals(zoneKey)) return o;
        return null;
    }

    /** Opens a passage, replacing the plate's earlier passage in the same zone key. */
    Open open(String plate, String zoneKey, long firstSeenMillis, long expiresAtMillis, String caseId, int evidenceReads) {
        Open old = get(plate, zoneKey);
        if (old != null) unlink(old);
        Open o = new Open(plate, zoneKey, firstSeenMillis, expiresAtMillis, caseId, evidenceReads);
        o.next = byPlate.put(plate, o);
        byAge.addLast(o);
        size++;
        o.logPos = logBase + logLength;
        appendByte(OPENED);
        appendText(plate);
        appendText(zoneKey);
        appendLong(firstSeenMillis);
        appendLong(expiresAtMillis);
        appendText(caseId);
        appendVarint(evidenceReads);
        return o;
    }

    /** One more read of {@code o} attached to its case. */
    void countEvidenceRead(Open o) {
        o.evidenceReads++;
        appendByte(EVIDENCE);
        appendText(o.plate);
        appendText(o.zoneKey);
        appendLong(o.firstSeenMillis);
        appendVarint(o.evidenceReads);
    }

    /** Drops the passages that expire at or before {@code nowMillis}, oldest first. */
    void expireUpTo(long nowMillis) {
        Open o = byAge.peekFirst();
        if (o == null || o.expiresAtMillis > nowMillis) return;
        for (; o != null && o.expiresAtMillis <= nowMillis; o = byAge.peekFirst()) {
            byAge.pollFirst();
            unlink(o);
        }
        logStart = o == null ? logBase + logLength : o.logPos; // every later record is newer than the oldest kept
    }

    /** The earliest expiry still to come (of the oldest passage), {@link Long#MAX_VALUE} when none. */
    long nextExpiryMillis() {
        Open o = byAge.peekFirst();
        return o == null ? Long.MAX_VALUE : o.expiresAtMillis;
    }

    int size() {
        return size;
    }

    private void unlink(Open o) {
        Open head = byPlate.get(o.plate);
        if (head == o) {
            if (o.next == null) byPlate.remove(o.plate);
            else byPlate.put(o.plate, o.next);
            size--;
            return;
        }
        for (Open prev = head; prev != null; prev = prev.next) {
            if (prev.next == o) {
                prev.next = o.next;
                size--;
                return;
            }
        }
        // not linked any more: replaced earlier
    }

    /** The log of the passages kept, after a format byte. */
    byte[] snapshot() {
        int from = (int) (logStart - logBase);
        byte[] out = new byte[1 + logLength - from];
        out[0] = FORMAT;
        System.arraycopy(log, from, out, 1, logLength - from);
        return out;
    }

    /** Replays {@code snapshots}, keeping the passages of the plates {@code mine} accepts (the subtask's key groups). */
    void restore(Iterable<byte[]> snapshots, Predicate<String> mine) throws IOException {
        for (byte[] bytes : snapshots) {
            if (bytes.length == 0 || bytes[0] != FORMAT) {
                throw new IOException("open passages in format " + (bytes.length == 0 ? "?" : bytes[0]) + ", this job reads format " + FORMAT);
            }
            Reader in = new Reader(bytes);
            while (in.pos < bytes.length) {
                byte type = bytes[in.pos++];
                String plate = in.text();
                String zoneKey = in.text();
                long firstSeen = in.longValue();
                if (type == OPENED) {
                    long expiresAt = in.longValue();
                    String caseId = in.text();
                    int evidence = in.varint();
                    if (mine.test(plate)) open(plate, zoneKey, firstSeen, expiresAt, caseId, evidence);
                } else if (type == EVIDENCE) {
                    int evidence = in.varint();
                    Open o = mine.test(plate) ? get(plate, zoneKey) : null;
                    if (o != null && o.firstSeenMillis == firstSeen) {
                        o.evidenceReads = evidence - 1;
                        countEvidenceRead(o);
                    }
                } else {
                    throw new IOException("open passages: unknown record type " + type + " at " + (in.pos - 1));
                }
            }
        }
    }

    // ------------------------------------------------------------------ log encoding

    private void ensure(int more) {
        if (logLength + more <= log.length) return;
        int from = (int) (logStart - logBase);
        if (from >= log.length / 2) { // most of the log is no longer needed: move what is to the front
            System.arraycopy(log, from, log, 0, logLength - from);
            logBase = logStart;
            logLength -= from;
        }
        if (logLength + more > log.length) log = Arrays.copyOf(log, Math.max(log.length * 2, logLength + more));
    }

    private void appendByte(byte b) {
        ensure(1);
        log[logLength++] = b;
    }

    private void appendVarint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            log[logLength++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        log[logLength++] = (byte) v;
    }

    private void appendLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) log[logLength++] = (byte) (v >>> shift);
    }

    /** UTF-8 with a varint length + 1 (0 = null). */
    private void appendText(String s) {
        if (s == null) {
            appendVarint(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        appendVarint(b.length + 1);
        ensure(b.length);
        System.arraycopy(b, 0, log, logLength, b.length);
        logLength += b.length;
    }

    private static final class Reader {
        private final byte[] b;
        private int pos = 1; // after the format byte

        Reader(byte[] b) {
            this.b = b;
        }

        int varint() {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                v |= (x & 0x7F) << shift;
                if (x >= 0) return v;
            }
        }

        long longValue() {
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (b[pos++] & 0xFF);
            return v;
        }

        String text() {
            int n = varint();
            if (n == 0) return null;
            String s = new String(b, pos, n - 1, StandardCharsets.UTF_8);
            pos += n - 1;
            return s;
        }
    }
}
