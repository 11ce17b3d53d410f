package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.EventCodec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Decodes {@code anpr.reads} values into {@link PlateRead}s by reading the JSON bytes directly: no parser object, no
 * intermediate strings for names or times, no {@link AnprRead} (with {@link EventCodec#decode} this was a quarter of
 * the job's CPU; with Jackson's streaming parser still a third of the reading task's).
 *
 * <p>It only decides the plain case: one JSON object with exactly the fields of {@link AnprRead} (schema major version
 * 1), each once and of the expected JSON type, strings of printable ASCII without escapes, the producers' time form
 * ({@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)}), whitespace only between tokens, nothing after the object — and
 * values that pass every check of {@link AnprRead}'s constructor, repeated here. Anything else — an unknown field, an
 * escape, a non-ASCII character, another time form, an invalid value, malformed JSON — is handed to
 * {@link EventCodec#decode}, which gives the answer and the reason. So the result is always the codec's
 * ({@code ReadDecoderTest} checks both agree on valid, invalid and doubtful input).
 */
final class ReadDecoder {
    private ReadDecoder() {
    }

    /** The read or the codec's reason; never throws. */
    static Decoded<PlateRead> decode(byte[] value) {
        PlateRead fast = fastOrNull(value);
        if (fast != null) return Decoded.ok(fast);
        return EventCodec.decode(value, AnprRead.class).map(PlateRead::of);
    }

    /** The read when the value is a plain, valid AnprRead; null when the codec must decide. */
    static PlateRead fastOrNull(byte[] value) {
        if (value == null || value.length == 0 || value.length > EventCodec.MAX_BYTES) return null;
        try {
            return new Scan(value).read();
        } catch (RuntimeException e) {
            return null; // truncated (index out of bounds) or anything unforeseen: the codec gives the reason
        }
    }

    /** Returned by the time reader for anything but the producers' form of a valid time. */
    static final long NOT_PLAIN = Long.MIN_VALUE;

    /**
     * Epoch millis of {@code b[from, to)} in the producers' form {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)} —
     * the same instant {@link java.time.OffsetDateTime#parse} gives, fraction truncated to millis — or
     * {@link #NOT_PLAIN} for any other form or an invalid value (the codec then decides).
     */
    static long epochMillis(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 20 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T' || b[from + 13] != ':' || b[from + 16] != ':') {
            return NOT_PLAIN;
        }
        int year = digits(b, from, 4), month = digits(b, from + 5, 2), day = digits(b, from + 8, 2);
        int hour = digits(b, from + 11, 2), minute = digits(b, from + 14, 2), second = digits(b, from + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_PLAIN;
        }
        int i = from + 19;
        int millis = 0;
        if (b[i] == '.') {
            int digits = 0;
            for (i++; i < to && digits < 9 && isDigit(b[i]); i++, digits++) {
                if (digits < 3) millis = millis * 10 + (b[i] - '0');
            }
            if (digits == 0 || (i < to && isDigit(b[i]))) return NOT_PLAIN;
            for (int k = digits; k < 3; k++) millis *= 10;
        }
        int offsetSeconds;
        if (i == to - 1 && b[i] == 'Z') {
            offsetSeconds = 0;
        } else if (i == to - 6 && (b[i] == '+' || b[i] == '-') && b[i + 3] == ':') {
            int h = digits(b, i + 1, 2), m = digits(b, i + 4, 2);
            if (h < 0 || m < 0 || h > 18 || m > 59 || (h == 18 && m > 0)) return NOT_PLAIN;
            offsetSeconds = (h * 60 + m) * 60 * (b[i] == '-' ? -1 : 1);
        } else {
            return NOT_PLAIN;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return NOT_PLAIN;
        }
        long seconds = epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return seconds * 1_000L + millis;
    }

    /** The value of {@code count} ASCII digits, -1 if one is not a digit. */
    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            if (!isDigit(b[i])) return -1;
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    /** Field names in the order the producers write them (the scan tries the expected one first). */
    private static final byte[][] FIELDS = names("schemaVersion", "readId", "cameraId", "capturedAt", "plate", "country",
            "confidence", "candidates", "evidenceRef", "plateBox");
    private static final int SCHEMA = 0, READ_ID = 1, CAMERA = 2, CAPTURED = 3, PLATE = 4, COUNTRY = 5, CONFIDENCE = 6,
            CANDIDATES = 7, EVIDENCE = 8, BOX = 9;
    private static final byte[] TEXT = "text".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONF = "confidence".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] BOX_FIELDS = names("x", "y", "w", "h");

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int k = 0; k < names.length; k++) out[k] = names[k].getBytes(StandardCharsets.US_ASCII);
        return out;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first byte from {@code k} on that may end or spoil a plain string — a quote, a backslash, a
     * control character, DEL or a non-ASCII byte — looking at eight bytes at a time ({@code b.length} or a little before
     * it when there is none). Never past such a byte; the byte loop after it decides exactly.
     */
    static int skipPlain(byte[] b, int k) {
        for (; k + 8 <= b.length; k += 8) {
            long w = (long) LONGS.get(b, k);
            long special = zeroByte(w ^ ('"' * ONES)) | zeroByte(w ^ ('\\' * ONES)) | zeroByte(w ^ (0x7f * ONES))
                    | ((w - 0x20 * ONES) & ~w & HIGHS) // below 0x20 (the lowest such byte is exact)
                    | (w & HIGHS); // not ASCII
            if (special != 0) return k + (Long.numberOfTrailingZeros(special) >>> 3);
        }
        return k;
    }

    /** The high bit of each zero byte of {@code v} (the lowest one exact; bytes above it may be flagged too). */
    private static long zeroByte(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    /** One pass over one value; every method returns a "not plain" marker instead of throwing. */
    private static final class Scan {
        private final byte[] b;
        private int i;
        /** Bounds of the last string read: {@code b[from, to)}. */
        private int from, to;

        Scan(byte[] b) {
            this.b = b;
        }

        PlateRead read() {
            if (!token('{')) return null;
            String readId = null, cameraId = null, plate = null, country = null, evidenceRef = null;
            long capturedAt = NOT_PLAIN;
            double confidence = Double.NaN;
            int seen = 0;
            int expected = 0;
            do {
                ws();
                if (!string() || !token(':')) return null;
                int field = field(expected);
                if (field < 0 || (seen & (1 << field)) != 0) return null; // unknown or twice: the codec decides
                seen |= 1 << field;
                expected = field + 1;
                ws();
                switch (field) {
                    case SCHEMA -> {
                        if (!string() || !majorOne()) return null;
                    }
                    case READ_ID -> {
                        if ((readId = text()) == null) return null;
                    }
                    case CAMERA -> {
                        if ((cameraId = text()) == null) return null;
                    }
                    case CAPTURED -> {
                        if (!string() || (capturedAt = epochMillis(b, from, to)) == NOT_PLAIN) return null;
                    }
                    case PLATE -> {
                        if (!string() || !plate(from, to)) return null;
                        plate = ascii();
                    }
                    case COUNTRY -> {
                        if (!string() || !country()) return null;
                        country = ascii();
                    }
                    case CONFIDENCE -> {
                        if (!fraction(confidence = fractionalNumber())) return null;
                    }
                    case CANDIDATES -> {
                        if (!candidates()) return null;
                    }
                    case EVIDENCE -> {
                        if (isNull()) evidenceRef = null;
                        else if ((evidenceRef = text()) == null) return null;
                    }
                    case BOX -> {
                        if (!isNull() && !box()) return null;
                    }
                    default -> {
                        return null;
                    }
                }
                ws();
            } while (b[i++] == ',');
            if (b[i - 1] != '}') return null;
            ws();
            if (i != b.length) return null; // something after the object
            int required = 1 << SCHEMA | 1 << READ_ID | 1 << CAMERA | 1 << CAPTURED | 1 << PLATE | 1 << COUNTRY | 1 << CONFIDENCE;
            if ((seen & required) != required) return null;
            return new PlateRead(readId, cameraId, capturedAt, plate, country, confidence, evidenceRef);
        }

        private void ws() {
            while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i++;
        }

        private boolean token(char c) {
            ws();
            return b[i++] == c;
        }

        /** A string of printable ASCII without escapes at {@code i}; sets {@code from, to}. */
        private boolean string() {
            if (b[i] != '"') return false;
            int k = skipPlain(b, i + 1);
            for (byte c = b[k]; c != '"'; c = b[++k]) {
                if (c < 0x20 || c == '\\' || c == 0x7f) return false; // escapes, control and non-ASCII bytes: the codec
            }
            from = i + 1;
            to = k;
            i = k + 1;
            return true;
        }

        private String ascii() {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        /** A string that is not blank; null otherwise. */
        private String text() {
            if (!string()) return null;
            for (int k = from; k < to; k++) if (b[k] != ' ') return ascii();
            return null; // blank
        }

        private boolean isNull() {
            if (b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l') {
                i += 4;
                return true;
            }
            return false;
        }

        /** The field named by the last string: the expected one first, then all. -1 when unknown. */
        private int field(int expected) {
            if (expected < FIELDS.length && named(FIELDS[expected])) return expected;
            for (int k = 0; k < FIELDS.length; k++) if (named(FIELDS[k])) return k;
            return -1;
        }

        private boolean named(byte[] name) {
            return java.util.Arrays.equals(b, from, to, name, 0, name.length);
        }

        /** "1" or "1.<digits>": schema major version 1. */
        private boolean majorOne() {
            if (to - from < 1 || b[from] != '1') return false;
            if (to - from == 1) return true;
            if (b[from + 1] != '.' || to - from < 3) return false;
            for (int k = from + 2; k < to; k++) if (!isDigit(b[k])) return false;
            return true;
        }

        /** [A-Z0-9]{1,12}, the contract's plate. */
        private boolean plate(int f, int t) {
            if (t - f < 1 || t - f > 12) return false;
            for (int k = f; k < t; k++) if (!((b[k] >= 'A' && b[k] <= 'Z') || isDigit(b[k]))) return false;
            return true;
        }

        /** [A-Z]{1,3}. */
        private boolean country() {
            if (to - from < 1 || to - from > 3) return false;
            for (int k = from; k < to; k++) if (b[k] < 'A' || b[k] > 'Z') return false;
            return true;
        }

        private static boolean fraction(double v) {
            return v >= 0.0 && v <= 1.0; // false for NaN
        }

        /**
         * A JSON number with a fraction or an exponent (what Jackson calls a float) as the nearest double; NaN for an
         * integer or anything not a number. Up to 15 significant digits and no exponent: digits / 10^fraction digits,
         * exact and correctly rounded (both operands are exact doubles); otherwise the JDK's parser.
         */
        private double fractionalNumber() {
            int start = i;
            if (b[i] == '-') i++;
            if (b[i] == '0') i++;
            else if (isDigit(b[i])) while (isDigit(b[i])) i++;
            else return Double.NaN;
            int fractionDigits = 0;
            boolean exponent = false;
            if (b[i] == '.') {
                i++;
                if (!isDigit(b[i])) return Double.NaN;
                while (isDigit(b[i])) { i++; fractionDigits++; }
            }
            if (b[i] == 'e' || b[i] == 'E') {
                exponent = true;
                i++;
                if (b[i] == '+' || b[i] == '-') i++;
                if (!isDigit(b[i])) return Double.NaN;
                while (isDigit(b[i])) i++;
            }
            if (fractionDigits == 0 && !exponent) return Double.NaN; // an integer: the codec decides
            int significant = i - start - (b[start] == '-' ? 1 : 0) - 1;
            if (exponent || significant > 15) {
                return Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
            }
            long mantissa = 0;
            for (int k = start; k < i; k++) if (isDigit(b[k])) mantissa = mantissa * 10 + (b[k] - '0');
            double v = mantissa / POW10[fractionDigits];
            return b[start] == '-' ? -v : v;
        }

        /** An int (JSON integer within int range) ≥ {@code min}; -1 otherwise. */
        private long intAtLeast(int min) {
            int start = i;
            if (b[i] == '-') return -1;
            if (b[i] == '0') i++;
            else while (isDigit(b[i])) i++;
            if (i == start || i - start > 10 || b[i] == '.' || b[i] == 'e' || b[i] == 'E') return -1;
            long v = 0;
            for (int k = start; k < i; k++) v = v * 10 + (b[k] - '0');
            return v > Integer.MAX_VALUE || v < min ? -1 : v;
        }

        /** null, [] or [{"text": plate, "confidence": 0..1}, …]; each object with both fields once. */
        private boolean candidates() {
            if (isNull()) return true;
            if (b[i++] != '[') return false;
            ws();
            if (b[i] == ']') {
                i++;
                return true;
            }
            do {
                if (!token('{')) return false;
                boolean text = false, conf = false;
                do {
                    ws();
                    if (!string() || !token(':')) return false;
                    ws();
                    if (named(TEXT) && !text) {
                        if (!string() || !plate(from, to)) return false;
                        text = true;
                    } else if (named(CONF) && !conf) {
                        if (!fraction(fractionalNumber())) return false;
                        conf = true;
                    } else {
                        return false;
                    }
                    ws();
                } while (b[i++] == ',');
                if (b[i - 1] != '}' || !text || !conf) return false;
                ws();
            } while (b[i++] == ',');
            return b[i - 1] == ']';
        }

        /** {"x": ≥0, "y": ≥0, "w": >0, "h": >0}, each once, ints. */
        private boolean box() {
            if (b[i++] != '{') return false;
            int seen = 0;
            do {
                ws();
                if (!string() || !token(':')) return false;
                int k = 0;
                while (k < 4 && !named(BOX_FIELDS[k])) k++;
                if (k == 4 || (seen & (1 << k)) != 0) return false;
                seen |= 1 << k;
                ws();
                if (intAtLeast(k < 2 ? 0 : 1) < 0) return false;
                ws();
            } while (b[i++] == ',');
            return b[i - 1] == '}' && seen == 15;
        }
    }
}
