package pl.kielce.traffic.ctz.enforcement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.EventCodec;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes {@code anpr.reads} values into {@link PlateRead}s with one pass of Jackson's streaming parser (no JSON tree,
 * no data binding), which was a quarter of the job's CPU with {@link EventCodec#decode}.
 *
 * <p>It only decides the plain case: a JSON object with exactly the fields of {@link AnprRead} (schema major version 1),
 * each of the expected JSON type, no field twice, nothing after the object. The values go through {@link AnprRead}'s own
 * constructor, so the validation is the contract's. Anything else — an unknown field, a number where a string is
 * expected, an invalid value, malformed JSON — is handed to {@link EventCodec#decode}, which gives the answer and the
 * reason. The result is therefore always the codec's ({@code ReadDecoderTest} checks both agree).
 */
final class ReadDecoder {
    private static final JsonFactory JSON = new JsonFactory();

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
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            String readId = null, cameraId = null, capturedAt = null, plate = null, country = null, evidenceRef = null;
            List<AnprRead.PlateCandidate> candidates = null;
            AnprRead.PlateBox box = null;
            double confidence = 0;
            int seen = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int bit;
                switch (name) {
                    case "schemaVersion" -> {
                        bit = 1;
                        if (v != JsonToken.VALUE_STRING || !majorOne(p.getText())) return null;
                    }
                    case "readId" -> { bit = 2; readId = text(p, v); }
                    case "cameraId" -> { bit = 4; cameraId = text(p, v); }
                    case "capturedAt" -> {
                        bit = 8;
                        if (v != JsonToken.VALUE_STRING) return null;
                        capturedAt = p.getText();
                    }
                    case "plate" -> { bit = 16; plate = text(p, v); }
                    case "country" -> { bit = 32; country = text(p, v); }
                    case "confidence" -> {
                        bit = 64;
                        if (v != JsonToken.VALUE_NUMBER_FLOAT) return null;
                        confidence = p.getDoubleValue();
                    }
                    case "candidates" -> {
                        bit = 128;
                        candidates = candidates(p, v);
                        if (candidates == null) return null;
                    }
                    case "evidenceRef" -> { bit = 256; evidenceRef = text(p, v); }
                    case "plateBox" -> {
                        bit = 512;
                        if (v == JsonToken.VALUE_NULL) box = null;
                        else if ((box = box(p, v)) == null) return null;
                    }
                    default -> {
                        return null; // unknown field: the codec decides (it ignores newer fields)
                    }
                }
                if ((seen & bit) != 0) return null; // twice: the codec decides
                seen |= bit;
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) return null;
            if ((seen & 1) == 0 || (seen & 64) == 0 || readId == UNSUPPORTED || cameraId == UNSUPPORTED || plate == UNSUPPORTED
                    || country == UNSUPPORTED || evidenceRef == UNSUPPORTED || capturedAt == null) {
                return null;
            }
            AnprRead r = new AnprRead(readId, cameraId, isoTime(capturedAt), plate, country, confidence,
                    candidates == null ? List.of() : candidates, evidenceRef, box);
            return PlateRead.of(r);
        } catch (Exception e) {
            return null; // invalid or malformed: the codec gives the reason
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)}, the form every producer writes, read by hand (the JDK's formatter
     * was half of this decoder's time); any other ISO-8601 form goes to {@link OffsetDateTime#parse}. Out-of-range fields
     * throw, as the formatter does.
     */
    static OffsetDateTime isoTime(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return OffsetDateTime.parse(t);
        }
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int digits = 0;
            for (i++; i < n && digits < 9 && Character.isDigit(t.charAt(i)); i++, digits++) nanos = nanos * 10 + (t.charAt(i) - '0');
            if (digits == 0 || (i < n && Character.isDigit(t.charAt(i)))) return OffsetDateTime.parse(t);
            for (int k = digits; k < 9; k++) nanos *= 10;
        }
        java.time.ZoneOffset offset;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offset = java.time.ZoneOffset.UTC;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int seconds = (digits(t, i + 1, 2) * 60 + digits(t, i + 4, 2)) * 60;
            offset = java.time.ZoneOffset.ofTotalSeconds(t.charAt(i) == '-' ? -seconds : seconds);
        } else {
            return OffsetDateTime.parse(t);
        }
        return OffsetDateTime.of(digits(t, 0, 4), digits(t, 5, 2), digits(t, 8, 2), digits(t, 11, 2), digits(t, 14, 2),
                digits(t, 17, 2), nanos, offset);
    }

    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') throw new java.time.format.DateTimeParseException("not a digit", t, i);
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Marker for a value of a JSON type the fast path does not take. */
    private static final String UNSUPPORTED = new String("unsupported");

    private static String text(JsonParser p, JsonToken v) throws java.io.IOException {
        if (v == JsonToken.VALUE_STRING) return p.getText();
        if (v == JsonToken.VALUE_NULL) return null;
        return UNSUPPORTED;
    }

    private static boolean majorOne(String version) {
        if (version.equals("1.0")) return true;
        return version.matches("1(\\.\\d+)?");
    }

    /** [] or [{"text": "...", "confidence": 0.x}, …]; null for anything else. Leaves the parser on END_ARRAY. */
    private static List<AnprRead.PlateCandidate> candidates(JsonParser p, JsonToken v) throws java.io.IOException {
        if (v == JsonToken.VALUE_NULL) return List.of();
        if (v != JsonToken.START_ARRAY) return null;
        List<AnprRead.PlateCandidate> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            String text = null;
            Double conf = null;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken fv = p.nextToken();
                if (name.equals("text") && fv == JsonToken.VALUE_STRING && text == null) text = p.getText();
                else if (name.equals("confidence") && fv == JsonToken.VALUE_NUMBER_FLOAT && conf == null) conf = p.getDoubleValue();
                else return null;
            }
            if (t != JsonToken.END_OBJECT || conf == null) return null;
            out.add(new AnprRead.PlateCandidate(text, conf));
        }
        return t == JsonToken.END_ARRAY ? out : null;
    }

    /** {"x":…, "y":…, "w":…, "h":…} of ints; null for anything else. Leaves the parser on END_OBJECT. */
    private static AnprRead.PlateBox box(JsonParser p, JsonToken v) throws java.io.IOException {
        if (v != JsonToken.START_OBJECT) return null;
        int[] xywh = new int[4];
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            int i = switch (p.currentName()) {
                case "x" -> 0;
                case "y" -> 1;
                case "w" -> 2;
                case "h" -> 3;
                default -> -1;
            };
            if (i < 0 || (seen & (1 << i)) != 0 || p.nextToken() != JsonToken.VALUE_NUMBER_INT
                    || p.getNumberType() != JsonParser.NumberType.INT) {
                return null;
            }
            xywh[i] = p.getIntValue();
            seen |= 1 << i;
        }
        if (t != JsonToken.END_OBJECT || seen != 15) return null;
        return new AnprRead.PlateBox(xywh[0], xywh[1], xywh[2], xywh[3]);
    }
}
