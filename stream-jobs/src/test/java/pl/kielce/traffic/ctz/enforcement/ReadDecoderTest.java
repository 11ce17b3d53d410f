package pl.kielce.traffic.ctz.enforcement;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.EventCodec;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming fast path gives exactly the codec's answer, and hands everything it does not take to the codec. */
class ReadDecoderTest {
    private static final String T = "2026-11-28T10:15:30.123+01:00";

    private static String read(String extra) {
        return "{\"schemaVersion\":\"1.0\",\"readId\":\"r1\",\"cameraId\":\"cam-1\",\"capturedAt\":\"" + T
                + "\",\"plate\":\"TK12345\",\"country\":\"PL\",\"confidence\":0.97" + extra + "}";
    }

    private static final List<String> CASES = List.of(
            read(""),
            read(",\"candidates\":[],\"evidenceRef\":\"img/r1.jpg\",\"plateBox\":null"),
            read(",\"candidates\":[{\"text\":\"TK12346\",\"confidence\":0.5}],\"plateBox\":{\"x\":1,\"y\":2,\"w\":30,\"h\":10}"),
            read(",\"candidates\":null,\"evidenceRef\":null"),
            read(",\"futureField\":{\"a\":[1,2]}"),              // newer minor: codec ignores it
            read(",\"plateBox\":{\"x\":-1,\"y\":2,\"w\":30,\"h\":10}"),
            read(",\"candidates\":[{\"text\":\"tk 1\",\"confidence\":0.5}]"),
            read(",\"evidenceRef\":\" \""),
            read(",\"confidence\":0.5"),                        // twice
            read("").replace("\"1.0\"", "\"1.7\""),
            read("").replace("\"1.0\"", "\"2.0\""),
            read("").replace("\"1.0\"", "1.0"),
            read("").replace("\"schemaVersion\":\"1.0\",", ""),
            read("").replace("0.97", "1.5"),
            read("").replace("0.97", "1"),
            read("").replace("0.97", "\"0.9\""),
            read("").replace(",\"confidence\":0.97", ""),
            read("").replace("TK12345", "tk 12345"),
            read("").replace("\"PL\"", "\"pl\""),
            read("").replace("\"r1\"", "\"\""),
            read("").replace("\"r1\"", "17"),
            read("").replace(T, "yesterday"),
            read("").replace(T, "2026-11-28T09:15:30Z"),
            read("").replace(T, ""),
            read("").replace(T, "2026-13-28T09:15:30Z"),
            read("").replace(T, "2026-11-28T09:15Z"),
            read("").replace(T, "2026-11-28 09:15:30Z"),
            read("") + " {}",
            read("").substring(0, 40),
            read("").replace("0.97", "9.7e-1"),                // exponent: the JDK's parser
            read("").replace("0.97", "0.123456789012345678"),   // more digits than the exact path takes
            read("").replace("0.97", "0.97x"),
            read("").replace("0.97", "-0.0"),
            read("").replace("0.97", ".97"),
            read("").replace("0.97", "00.97"),
            read("").replace(",", " ,\n\t"),                  // whitespace between tokens
            read("").replace("\"cam-1\"", "\"cam\\u002d1\""),     // an escape: the codec
            read("").replace("\"cam-1\"", "\"kamera-Łódź\""),  // non-ASCII: the codec
            read("").replace("\"r1\"", "\"   \""),
            read("").replace("\"TK12345\"", "\"TK1234567890123\""),
            read("").replace("\"TK12345\"", "null"),
            read("").replace("\"PL\"", "\"PLXX\""),
            read(",\"candidates\":[{\"confidence\":0.5,\"text\":\"TK1\"},{\"text\":\"TK2\",\"confidence\":0.25}]"),
            read(",\"candidates\":[{\"text\":\"TK1\"}]"),
            read(",\"candidates\":[{\"text\":\"TK1\",\"text\":\"TK2\",\"confidence\":0.5}]"),
            read(",\"candidates\":[{\"text\":\"TK1\",\"confidence\":1}]"),
            read(",\"candidates\":[{\"text\":\"TK1\",\"confidence\":0.5},]"),
            read(",\"plateBox\":{\"h\":10,\"w\":30,\"y\":0,\"x\":0}"),
            read(",\"plateBox\":{\"x\":1,\"y\":2,\"w\":0,\"h\":10}"),
            read(",\"plateBox\":{\"x\":1,\"y\":2,\"w\":30,\"h\":10.0}"),
            read(",\"plateBox\":{\"x\":1,\"y\":2,\"w\":30,\"h\":3000000000}"),
            read(",\"plateBox\":{\"x\":1,\"y\":2,\"w\":30}"),
            read(",\"evidenceRef\":17"),
            "\ufeff" + read(""),
            " " + read("") + "\n",
            "{}", "{\"readId\":", "[]", "null", "not json", "");

    @Test
    void theEightBytesAtATimeSkipStopsAtTheFirstByteThatMayEndOrSpoilAString() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        byte[] specials = {'"', '\\', 0x7f, 0x00, 0x1f, (byte) 0x80, (byte) 0xc5, (byte) 0xff};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[rnd.nextInt(1, 40)];
            for (int j = 0; j < b.length; j++) {
                b[j] = rnd.nextInt(6) == 0 ? specials[rnd.nextInt(specials.length)] : (byte) rnd.nextInt(0x20, 0x7f);
            }
            int k = rnd.nextInt(b.length);
            int first = k;
            while (first < b.length && b[first] >= 0x20 && b[first] != '"' && b[first] != '\\' && b[first] != 0x7f) first++;
            int skipped = ReadDecoder.skipPlain(b, k);
            assertThat(skipped).as("round %d", round).isBetween(k, first);
            assertThat(skipped == first || first - skipped < 8).as("round %d: stops only in the last eight bytes", round).isTrue();
        }
    }

    @Test
    void sameAnswerAsTheCodecForEveryCase() {
        for (String json : CASES) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            Decoded<PlateRead> codec = EventCodec.decode(bytes, AnprRead.class).map(PlateRead::of);
            Decoded<PlateRead> ours = ReadDecoder.decode(bytes);
            assertThat(ours.isOk()).as(json).isEqualTo(codec.isOk());
            if (codec.isOk()) assertThat(ours.value()).as(json).isEqualTo(codec.value());
            else assertThat(ours.reason()).as(json).isEqualTo(codec.reason());
        }
        assertThat(ReadDecoder.decode(null).reason()).isEqualTo(EventCodec.decode((byte[]) null, AnprRead.class).reason());
    }

    @Test
    void theFastPathTakesPlainReadsAndNothingDoubtful() {
        PlateRead r = ReadDecoder.fastOrNull(read(",\"candidates\":[],\"evidenceRef\":\"img/r1.jpg\"").getBytes(StandardCharsets.UTF_8));
        assertThat(r).isEqualTo(new PlateRead("r1", "cam-1",
                OffsetDateTime.of(2026, 11, 28, 10, 15, 30, 123_000_000, ZoneOffset.ofHours(1)).toInstant().toEpochMilli(),
                "TK12345", "PL", 0.97, "img/r1.jpg"));
        // what the job's producers write goes the fast way
        byte[] encoded = EventCodec.encode(new AnprRead("r2", "cam-2", OffsetDateTime.parse(T), "TK1", "PL", 0.5,
                List.of(new AnprRead.PlateCandidate("TK7", 0.25)), null, new AnprRead.PlateBox(1, 2, 3, 4)));
        assertThat(ReadDecoder.fastOrNull(encoded)).isNotNull();
        assertThat(ReadDecoder.fastOrNull(read(",\"futureField\":1").getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(ReadDecoder.fastOrNull(read("").replace("0.97", "1.5").getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void theHandWrittenTimeReaderAgreesWithTheJdk() {
        for (String t : List.of("2026-11-28T10:15:30Z", "2026-11-28T10:15:30.1Z", "2026-11-28T10:15:30.123456789+01:00",
                "2026-03-29T01:59:59.999-05:30", "2026-11-28T10:15:30+14:00", "1969-12-31T23:59:59.5Z", "2024-02-29T00:00:00-18:00")) {
            assertThat(ReadDecoder.epochMillis(bytes(t), 0, t.length())).as(t)
                    .isEqualTo(OffsetDateTime.parse(t).toInstant().toEpochMilli());
        }
        // other forms and invalid values are the codec's to decide
        for (String other : List.of("2026-02-30T10:15:30Z", "2026-11-28T24:15:30Z", "2026-11-28T10:15:3xZ", "2026-11-28T10:15Z",
                "2026-11-28T10:15:30.1234567891Z", "2026-11-28T10:15:30+1:00", "2026-11-28T10:15:30.123+01:00:00",
                "2026-11-28T10:15:30.Z", "2026-11-28T10:15:30+19:00", "2026-11-28T10:15:30+01:60")) {
            assertThat(ReadDecoder.epochMillis(bytes(other), 0, other.length())).as(other).isEqualTo(ReadDecoder.NOT_PLAIN);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
