package pl.kielce.traffic.ctz.enforcement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.function.Predicate;

/**
 * The open passages of one deciding subtask: for each plate and zone key, the passage its next reads belong to while
 * they are within the passage window — for every vehicle, allowed or not, since the passage decides whether a read
 * is decided at all. Kept in this subtask's memory instead of Flink's keyed state: a table of primitives looked up
 * once per read, expired in age order when event time passes (no timer per plate), and checkpointed as one byte array (the
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
    private static final byte FORMAT = 2;
    private static final byte OPENED = 'O';
    private static final byte EVIDENCE = 'E';

    /** The passages by plate code and zone number: evidence count, first seen, expiry; case id. */
    private final LongTable table = new LongTable(3);
    private static final int FLAGS = 0, FIRST_SEEN = 1, EXPIRES = 2;

    /**
     * Every passage opened, oldest first, six longs each: plate code, zone number, first seen, expiry, log position,
     * log time base. A replaced passage stays until it expires (then it no longer matches the table and is skipped).
     */
    private final LongRing byAge = new LongRing(6);
    private static final int CODE = 0, ZONE = 1, FIRST = 2, EXPIRY = 3, LOG_POS = 4, LOG_TIME_BASE = 5;

    /** The log: its first byte is at absolute position {@code logBase}, the records needed start at {@code logStart}. */
    private final Bytes log = new Bytes(1 << 16);
    private long logBase;
    private long logStart;
    /** The time the next record's first-seen time is written relative to. */
    private long lastFirstSeenMillis;
    /** The first-seen time base of the record at {@code logStart}. */
    private long logStartTimeBase;
    /** Zone keys by number (from 1) and back; numbered afresh whenever nothing is open. */
    private final HashMap<String, Integer> zoneNumbers = new HashMap<>();
    private final ArrayList<String> zoneKeys = new ArrayList<>();

    /** The slot of the plate's passage in {@code zoneKey}, expired or not; -1 when none. */
    int find(String plate, String zoneKey) {
        long code = LongTable.plateCode(plate);
        Integer zone = zoneNumbers.get(zoneKey);
        return code <= 0 || zone == null ? -1 : table.find(code, zone);
    }

    long firstSeenMillis(int slot) {
        return table.get(slot, FIRST_SEEN);
    }

    long expiresAtMillis(int slot) {
        return table.get(slot, EXPIRES);
    }

    /**
     * Whether the passage has a case (VIOLATION or REVIEW), read beside the key: the case id is in an array apart, and
     * touching it cost a second cache miss for every further read of an ALLOWED passage (most reads).
     */
    boolean hasCase(int slot) {
        return table.get(slot, FLAGS) != 0; // a case passage counts its first read as evidence (see open)
    }

    /** The case the passage's reads are attached to; null for ALLOWED and EXEMPT passages. */
    String caseId(int slot) {
        return (String) table.object(slot);
    }

    int evidenceReads(int slot) {
        return (int) table.get(slot, FLAGS);
    }

    /** Opens a passage, replacing the plate's earlier passage in the same zone key. */
    void open(String plate, String zoneKey, long firstSeenMillis, long expiresAtMillis, String caseId, int evidenceReads) {
        long code = LongTable.plateCode(plate);
        if (code <= 0) throw new IllegalArgumentException("not a normalised plate (the contract's [A-Z0-9]{1,12})");
        if ((caseId == null) != (evidenceReads == 0)) {
            throw new IllegalArgumentException("a passage with a case has evidence reads (its first), one without has none");
        }
        int zone = zoneNumber(zoneKey);
        int slot = table.insert(code, zone);
        table.set(slot, FLAGS, evidenceReads);
        table.set(slot, FIRST_SEEN, firstSeenMillis);
        table.set(slot, EXPIRES, expiresAtMillis);
        table.object(slot, caseId);

        dropUnneededLog();
        long logPos = logBase + log.n;
        long timeBase = lastFirstSeenMillis;
        log.put(OPENED);
        appendKey(plate, zoneKey, firstSeenMillis);
        log.varlong(zigzag(expiresAtMillis - firstSeenMillis));
        log.text(caseId);
        log.varint(evidenceReads);

        int r = byAge.add();
        byAge.set(r, CODE, code);
        byAge.set(r, ZONE, zone);
        byAge.set(r, FIRST, firstSeenMillis);
        byAge.set(r, EXPIRY, expiresAtMillis);
        byAge.set(r, LOG_POS, logPos);
        byAge.set(r, LOG_TIME_BASE, timeBase);
    }

    /** One more read of the passage in {@code slot} (the plate's, in {@code zoneKey}) attached to its case. */
    void countEvidenceRead(int slot, String plate, String zoneKey) {
        int evidence = evidenceReads(slot) + 1;
        table.set(slot, FLAGS, evidence);
        dropUnneededLog();
        log.put(EVIDENCE);
        appendKey(plate, zoneKey, firstSeenMillis(slot));
        log.varint(evidence);
    }

    /** Drops the passages that expire at or before {@code nowMillis}, oldest first. */
    void expireUpTo(long nowMillis) {
        if (byAge.size() == 0 || byAge.first(EXPIRY) > nowMillis) return;
        while (byAge.size() > 0 && byAge.first(EXPIRY) <= nowMillis) {
            int slot = table.find(byAge.first(CODE), (int) byAge.first(ZONE));
            if (slot >= 0 && firstSeenMillis(slot) == byAge.first(FIRST) && expiresAtMillis(slot) == byAge.first(EXPIRY)) {
                table.delete(slot);
            }
            byAge.removeFirst();
        }
        // every later record is newer than the oldest kept
        boolean none = byAge.size() == 0;
        logStart = none ? logBase + log.n : byAge.first(LOG_POS);
        logStartTimeBase = none ? lastFirstSeenMillis : byAge.first(LOG_TIME_BASE);
        if (none) { // nothing open and no record needed: the zone keys are numbered afresh (bounded by quiet times)
            zoneNumbers.clear();
            zoneKeys.clear();
        }
    }

    /** The earliest expiry still to come (of the oldest passage), {@link Long#MAX_VALUE} when none. */
    long nextExpiryMillis() {
        return byAge.size() == 0 ? Long.MAX_VALUE : byAge.first(EXPIRY);
    }

    int size() {
        return table.size();
    }

    private int zoneNumber(String zoneKey) {
        Integer zone = zoneNumbers.get(zoneKey);
        if (zone == null) {
            zoneKeys.add(zoneKey);
            zone = zoneKeys.size();
            zoneNumbers.put(zoneKey, zone);
        }
        return zone;
    }

    /**
     * The log of the passages kept: format byte, the numbered zone keys, the time base of the first record, then the
     * records (type, plate, zone key number, first seen as a difference to the record before, window,
     * case id, evidence count — 20 to 30 bytes for most passages).
     */
    byte[] snapshot() {
        int from = (int) (logStart - logBase);
        Bytes header = new Bytes(256);
        header.put(FORMAT);
        header.varint(zoneKeys.size());
        for (String z : zoneKeys) header.text(z);
        header.varlong(logStartTimeBase);
        byte[] out = Arrays.copyOf(header.b, header.n + log.n - from);
        System.arraycopy(log.b, from, out, header.n, log.n - from);
        return out;
    }

    /** Replays {@code snapshots}, keeping the passages of the plates {@code mine} accepts (the subtask's key groups). */
    void restore(Iterable<byte[]> snapshots, Predicate<String> mine) throws IOException {
        for (byte[] bytes : snapshots) {
            if (bytes.length == 0 || bytes[0] != FORMAT) {
                throw new IOException("open passages in format " + (bytes.length == 0 ? "?" : bytes[0]) + ", this job reads format " + FORMAT);
            }
            Reader in = new Reader(bytes);
            String[] zones = new String[in.varint()];
            for (int i = 0; i < zones.length; i++) zones[i] = in.text();
            long time = in.varlong();
            while (in.pos < bytes.length) {
                byte type = bytes[in.pos++];
                String plate = in.text();
                String zoneKey = zones[in.varint() - 1];
                long firstSeen = time += unzigzag(in.varlong());
                if (type == OPENED) {
                    long expiresAt = firstSeen + unzigzag(in.varlong());
                    String caseId = in.text();
                    int evidence = in.varint();
                    if (mine.test(plate)) open(plate, zoneKey, firstSeen, expiresAt, caseId, evidence);
                } else if (type == EVIDENCE) {
                    int evidence = in.varint();
                    int slot = mine.test(plate) ? find(plate, zoneKey) : -1;
                    if (slot >= 0 && firstSeenMillis(slot) == firstSeen) {
                        table.set(slot, FLAGS, evidence - 1);
                        countEvidenceRead(slot, plate, zoneKey);
                    }
                } else {
                    throw new IOException("open passages: unknown record type " + type + " at " + (in.pos - 1));
                }
            }
        }
    }

    // ------------------------------------------------------------------ log encoding

    /** Plate, zone key number and first-seen time (difference to the record before). */
    private void appendKey(String plate, String zoneKey, long firstSeenMillis) {
        log.text(plate);
        log.varint(zoneNumber(zoneKey));
        log.varlong(zigzag(firstSeenMillis - lastFirstSeenMillis));
        lastFirstSeenMillis = firstSeenMillis;
    }

    /** Now and then, when most of the log is before the oldest passage kept, the rest moves to the front. */
    private void dropUnneededLog() {
        int unneeded = (int) (logStart - logBase);
        if (unneeded > 0 && unneeded >= log.b.length / 2) {
            log.dropFront(unneeded);
            logBase = logStart;
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** A growable byte buffer with the log's encodings: varints, UTF-8 with a varint length + 1 (0 = null). */
    private static final class Bytes {
        private byte[] b;
        private int n;

        Bytes(int capacity) {
            b = new byte[capacity];
        }

        void put(byte x) {
            room(1);
            b[n++] = x;
        }

        void varint(int v) {
            varlong(v & 0xFFFFFFFFL);
        }

        void varlong(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                b[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b[n++] = (byte) v;
        }

        void text(String s) {
            if (s == null) {
                varint(0);
                return;
            }
            byte[] t = s.getBytes(StandardCharsets.UTF_8);
            varint(t.length + 1);
            room(t.length);
            System.arraycopy(t, 0, b, n, t.length);
            n += t.length;
        }

        void dropFront(int count) {
            System.arraycopy(b, count, b, 0, n - count);
            n -= count;
        }

        private void room(int more) {
            if (n + more > b.length) b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
        }
    }

    private static final class Reader {
        private final byte[] b;
        private int pos = 1; // after the format byte

        Reader(byte[] b) {
            this.b = b;
        }

        int varint() {
            return (int) varlong();
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) return v;
            }
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
