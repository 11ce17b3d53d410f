package pl.kielce.traffic.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {
    static final OffsetDateTime CAPTURED = OffsetDateTime.of(2026, 3, 14, 7, 45, 12, 250_000_000, ZoneOffset.ofHours(1));
    static final Instant NOON = Instant.parse("2026-03-14T12:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static AnprRead read() {
        return new AnprRead("r-1", "cam-07", CAPTURED, "TK12345", "PL", 0.93,
                List.of(new AnprRead.PlateCandidate("TK12345", 0.93), new AnprRead.PlateCandidate("TK1Z345", 0.41)),
                "evidence/2026/03/14/r-1.jpg", new AnprRead.PlateBox(410, 300, 220, 52));
    }

    static Stream<Object> events() {
        return Stream.of(
                read(),
                new AnprRead("r-2", "cam-01", CAPTURED, "WX1", "D", 0.0, List.of(), null, null),
                new DetectorCount("det-3", "int-12", "N", NOON, 60, 17, 0.25),
                new PassageCount("cam-07", NOON, NOON.plusSeconds(300), 42),
                new Violation("v-1", Violation.Kind.VIOLATION, "TK12345", "PL", "centre", "stage-1", "kielce-sct", "3",
                        "EURO_NORM_TOO_LOW", "diesel Euro 3, stage 1 needs Euro 4", NOON,
                        List.of("r-1", "r-9"), List.of("evidence/r-1.jpg"), NOON.plusSeconds(5)),
                new Violation("v-2", Violation.Kind.REVIEW, "TK12345", "PL", "centre", "stage-1", "kielce-sct", "3",
                        "LOW_CONFIDENCE", "plate read with confidence 0.55", NOON, List.of("r-1"), List.of(), NOON),
                new EvidenceClaim("evidence/r-1.jpg", "case-77", NOON),
                DeadLetter.of(new byte[]{1, 2, (byte) 0xff}, Topics.ANPR_READS, 2, 1234L, "bad", NOON),
                new TrafficAlert("flows", "CONGESTION", "flows:congestion:ix-1|N", TrafficAlert.Severity.WARNING,
                        TrafficAlert.subject("intersectionId", "ix-1", "approach", null, "degreeOfSaturation", 1.25,
                                "intervals", 3), NOON, "Approach N of ix-1 \"congested\"\n", 20.64, 50.87),
                new TrafficAlert("transit", "TRANSIT_BUNCHING", null, TrafficAlert.Severity.INFO,
                        TrafficAlert.subject("routeId", "5"), NOON, "bunching", null, null));
    }

    @Test
    void trafficAlertIsFlatInTheDocumentedOrderAndValidated() {
        TrafficAlert a = new TrafficAlert("flows", "SILENT_DETECTOR", "flows:silent:d1", TrafficAlert.Severity.INFO,
                TrafficAlert.subject("intersectionId", "ix-1", "approach", null, "detectorId", "d1"), NOON, "Detector d1 silent",
                null, null);
        assertThat(EventCodec.encodeToString(a)).isEqualTo("{\"schemaVersion\":\"1.0\",\"source\":\"flows\","
                + "\"kind\":\"SILENT_DETECTOR\",\"alertId\":\"flows:silent:d1\",\"severity\":\"INFO\",\"intersectionId\":\"ix-1\","
                + "\"approach\":null,\"detectorId\":\"d1\",\"observedAt\":\"2026-03-14T12:00:00Z\",\"message\":\"Detector d1 silent\"}");
        assertThatThrownBy(() -> new TrafficAlert("flows", "X", null, TrafficAlert.Severity.INFO,
                TrafficAlert.subject("kind", "Y"), NOON, "m", null, null)).hasMessageContaining("'kind' is blank or reserved");
        assertThatThrownBy(() -> new TrafficAlert("flows", "X", null, TrafficAlert.Severity.INFO,
                TrafficAlert.subject("x", Double.NaN), NOON, "m", null, null)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new TrafficAlert("flows", "X", null, TrafficAlert.Severity.INFO,
                java.util.Map.of(), NOON, "m", 20.0, null)).hasMessageContaining("lon and lat go together");
        assertThat(EventCodec.decode("{\"schemaVersion\":\"1.0\",\"source\":\"flows\",\"kind\":\"K\",\"severity\":\"LOUD\","
                + "\"observedAt\":\"2026-03-14T12:00:00Z\",\"message\":\"m\"}", TrafficAlert.class).reason()).contains("severity");
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsEveryEvent(Object event) {
        byte[] json = EventCodec.encode(event);
        Decoded<?> decoded = EventCodec.decode(json, event.getClass());
        assertThat(decoded.isOk()).as(decoded.toString()).isTrue();
        assertThat(decoded.value()).isEqualTo(event);
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"schemaVersion\":\"1.0\",");
    }

    @Test
    void capturedAtKeepsItsOffset() {
        AnprRead back = EventCodec.decode(EventCodec.encode(read()), AnprRead.class).value();
        assertThat(back.capturedAt().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(EventCodec.encodeToString(read())).contains("\"capturedAt\":\"2026-03-14T07:45:12.25+01:00\"");
    }

    @Test
    void deadLetterKeepsTheOriginalBytes() {
        DeadLetter dl = EventCodec.decode(EventCodec.encode(DeadLetter.of("{oops".getBytes(StandardCharsets.UTF_8),
                Topics.ANPR_READS, 0, 7, "malformed", NOON)), DeadLetter.class).value();
        assertThat(new String(dl.original(), StandardCharsets.UTF_8)).isEqualTo("{oops");
    }

    @Test
    void readsANewerMinorVersionAndIgnoresUnknownFields() {
        ObjectNode node = tree(read());
        node.put("schemaVersion", "1.7");
        node.put("futureField", "x");
        assertThat(decodeRead(node).value()).isEqualTo(read());
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        ObjectNode node = tree(read());
        node.remove(List.of("evidenceRef", "plateBox", "candidates"));
        AnprRead back = decodeRead(node).value();
        assertThat(back.evidenceRef()).isNull();
        assertThat(back.plateBox()).isNull();
        assertThat(back.candidates()).isEmpty();
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                reject("unknown major version", n -> n.put("schemaVersion", "2.0"), "unsupported schemaVersion 2.0 for AnprRead"),
                reject("missing version", n -> n.remove("schemaVersion"), "missing schemaVersion for AnprRead"),
                reject("version not a string", n -> n.put("schemaVersion", 1), "schemaVersion must be a string"),
                reject("version garbage", n -> n.put("schemaVersion", "one"), "must look like \"<major>.<minor>\""),
                reject("missing readId", n -> n.remove("readId"), "readId is required"),
                reject("blank cameraId", n -> n.put("cameraId", " "), "cameraId must not be blank"),
                reject("missing capturedAt", n -> n.remove("capturedAt"), "capturedAt is required"),
                reject("capturedAt not a time", n -> n.put("capturedAt", "yesterday"), "field 'capturedAt'"),
                reject("plate with spaces", n -> n.put("plate", "TK 12345"), "plate must match [A-Z0-9]{1,12}"),
                reject("missing plate", n -> n.remove("plate"), "plate is required"),
                reject("bad country", n -> n.put("country", "pol"), "country must be 1-3 capital letters"),
                reject("confidence above 1", n -> n.put("confidence", 1.5), "confidence must be within 0..1"),
                reject("confidence negative", n -> n.put("confidence", -0.1), "confidence must be within 0..1"),
                reject("missing confidence", n -> n.remove("confidence"), "field 'confidence'"),
                reject("null confidence", n -> n.putNull("confidence"), "field 'confidence'"),
                reject("confidence a word", n -> n.put("confidence", "high"), "field 'confidence'"),
                reject("candidate confidence", n -> ((ObjectNode) n.withArray("candidates").get(0)).put("confidence", 3),
                        "candidate confidence must be within 0..1"),
                reject("candidate text", n -> ((ObjectNode) n.withArray("candidates").get(1)).put("text", "a-b"),
                        "candidate text must match"),
                reject("null candidate", n -> n.withArray("candidates").addNull(), "candidates must not contain null"),
                reject("blank evidenceRef", n -> n.put("evidenceRef", ""), "evidenceRef must be null or non-blank"),
                reject("negative box", n -> ((ObjectNode) n.get("plateBox")).put("x", -1), "plateBox x and y must not be negative"),
                reject("empty box", n -> ((ObjectNode) n.get("plateBox")).put("w", 0), "plateBox w and h must be positive"),
                reject("box missing h", n -> ((ObjectNode) n.get("plateBox")).remove("h"), "field 'plateBox.h'"));
    }

    static Arguments reject(String name, Consumer<ObjectNode> change, String reason) {
        return Arguments.of(name, change, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithAReason(String name, Consumer<ObjectNode> change, String reason) {
        ObjectNode node = tree(read());
        change.accept(node);
        Decoded<AnprRead> decoded = decodeRead(node);
        assertThat(decoded.isOk()).as("%s should be refused", name).isFalse();
        assertThat(decoded.reason()).contains(reason);
    }

    @Test
    void reasonsNeverEchoThePlate() {
        ObjectNode node = tree(read());
        node.put("plate", "TK 99999");
        assertThat(decodeRead(node).reason()).doesNotContain("99999");
    }

    @Test
    void rejectsPayloadsThatAreNotEvents() {
        assertThat(EventCodec.decode((byte[]) null, AnprRead.class).reason()).contains("empty payload");
        assertThat(EventCodec.decode(new byte[0], AnprRead.class).reason()).contains("empty payload");
        assertThat(EventCodec.decode("{\"schemaVersion\":", AnprRead.class).reason()).startsWith("malformed JSON for AnprRead");
        assertThat(EventCodec.decode("[1,2]", AnprRead.class).reason()).contains("not a JSON object");
        assertThat(EventCodec.decode("\"text\"", AnprRead.class).reason()).contains("not a JSON object");
        assertThat(EventCodec.decode(new byte[]{(byte) 0xc3, 0x28}, AnprRead.class).reason()).startsWith("malformed JSON");
        assertThat(EventCodec.decode(EventCodec.encodeToString(read()) + "{}", AnprRead.class).reason())
                .startsWith("malformed JSON").contains("Trailing token");
        assertThat(EventCodec.decode(new byte[EventCodec.MAX_BYTES + 1], AnprRead.class).reason()).contains("exceeds");
        assertThat(EventCodec.decode("{}", String.class).reason()).contains("not an event type");
    }

    @Test
    void rejectsOtherEventsRanges() {
        String detector = EventCodec.encodeToString(new DetectorCount("d", "i", "N", NOON, 60, 1, 0.5));
        assertThat(EventCodec.decode(detector.replace("\"occupancy\":0.5", "\"occupancy\":1.2"), DetectorCount.class).reason())
                .contains("occupancy must be within 0..1");
        assertThat(EventCodec.decode(detector.replace("\"intervalSeconds\":60", "\"intervalSeconds\":0"), DetectorCount.class).reason())
                .contains("intervalSeconds must be positive");
        assertThat(EventCodec.decode(detector.replace("\"vehicles\":1", "\"vehicles\":-3"), DetectorCount.class).reason())
                .contains("vehicles must not be negative");
        assertThat(EventCodec.decode(detector.replace("\"vehicles\":1", "\"vehicles\":1.5"), DetectorCount.class).reason())
                .contains("field 'vehicles'");

        String count = EventCodec.encodeToString(new PassageCount("c", NOON, NOON.plusSeconds(300), 3));
        assertThat(EventCodec.decode(count.replace("12:05:00Z", "11:00:00Z"), PassageCount.class).reason())
                .contains("windowEnd must be after windowStart");
        assertThat(EventCodec.decode(count.replace("\"passages\":3", "\"passages\":-1"), PassageCount.class).reason())
                .contains("passages must not be negative");

        String violation = EventCodec.encodeToString(events().filter(Violation.class::isInstance).findFirst().orElseThrow());
        assertThat(EventCodec.decode(violation.replace("\"VIOLATION\"", "\"FINE\""), Violation.class).reason())
                .contains("field 'kind'");
        assertThat(EventCodec.decode(violation.replace("[\"r-1\",\"r-9\"]", "[]"), Violation.class).reason())
                .contains("passageRefs must name at least one passage");

        String dl = EventCodec.encodeToString(DeadLetter.of(new byte[]{1}, "t", 0, 0, "r", NOON));
        assertThat(EventCodec.decode(dl.replace("\"AQ==\"", "\"%%%\""), DeadLetter.class).reason())
                .contains("originalBytes must be base64");
        assertThat(EventCodec.decode(dl.replace("\"partition\":0", "\"partition\":-5"), DeadLetter.class).reason())
                .contains("partition must be >= -1");
        assertThat(EventCodec.decode(dl.replace("\"offset\":0", "\"offset\":-2"), DeadLetter.class).reason())
                .contains("offset must be >= -1");
        String claim = EventCodec.encodeToString(new EvidenceClaim("e", "c", NOON));
        assertThat(EventCodec.decode(claim.replace("\"caseId\":\"c\"", "\"caseId\":null"), EvidenceClaim.class).reason())
                .contains("caseId is required");
    }

    @Test
    void encodingANonEventIsAProgrammingError() {
        assertThatThrownBy(() -> EventCodec.encode("just a string"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an event type");
    }

    @Test
    void decodedHoldsValueOrReason() {
        assertThat(Decoded.ok("x").map(String::length).value()).isEqualTo(1);
        assertThat(Decoded.<String>failed("why").map(String::length).reason()).isEqualTo("why");
        assertThatThrownBy(() -> Decoded.failed("why").value()).hasMessageContaining("why");
        assertThatThrownBy(() -> Decoded.ok("x").reason()).isInstanceOf(java.util.NoSuchElementException.class);
        assertThatThrownBy(() -> Decoded.failed(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadLetterTopicFollowsTheSource() {
        assertThat(Topics.deadLetterFor(Topics.ANPR_READS)).isEqualTo(Topics.ANPR_READS_DLQ);
        assertThat(Topics.deadLetterFor(Topics.TRAFFIC_DETECTOR_COUNTS)).isEqualTo(Topics.DEAD_LETTER);
        assertThat(Topics.ALL).doesNotHaveDuplicates().hasSize(16);
    }

    static ObjectNode tree(Object event) {
        try {
            return (ObjectNode) JSON.readTree(EventCodec.encode(event));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Decoded<AnprRead> decodeRead(ObjectNode node) {
        return EventCodec.decode(node.toString(), AnprRead.class);
    }
}
