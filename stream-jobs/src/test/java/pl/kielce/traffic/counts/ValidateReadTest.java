package pl.kielce.traffic.counts;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.RawRecord;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.counts.Reads.NOON;

class ValidateReadTest {
    static final Instant NOW = Instant.parse("2026-01-20T12:30:00Z");

    @Test
    void aValidReadBecomesAPassageWithoutPlate() {
        var passage = ValidateRead.toPassage(RawRecord.of(Topics.ANPR_READS, Reads.json("cam-1", NOON, "TK12345")));
        assertThat(passage.value()).isEqualTo(new Passage("cam-1", NOON.toInstant().toEpochMilli()));
        assertThat(Passage.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactly("cameraId", "capturedAtEpochMs");
    }

    @Test
    void invalidReadsGoToDeadLettersWithReasonAndOrigin() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, Passage> harness =
                     ProcessFunctionTestHarnesses.forProcessFunction(new ValidateRead(Clock.fixed(NOW, ZoneOffset.UTC)))) {
            byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
            byte[] badConfidence = new String(Reads.json("cam-1", NOON, "TK1"), StandardCharsets.UTF_8)
                    .replace("\"confidence\":0.9,", "\"confidence\":7,").getBytes(StandardCharsets.UTF_8);
            harness.processElement(new RawRecord(Topics.ANPR_READS, 1, 41, null, garbage), 0);
            harness.processElement(new RawRecord(Topics.ANPR_READS, 1, 42, null, Reads.json("cam-2", NOON, "TK2")), 0);
            harness.processElement(new RawRecord(Topics.ANPR_READS, 0, 7, null, badConfidence), 0);
            harness.processElement(new RawRecord(Topics.ANPR_READS, 0, 8, null, null), 0);

            assertThat(harness.extractOutputValues()).containsExactly(new Passage("cam-2", NOON.toInstant().toEpochMilli()));
            var dead = harness.getSideOutput(ValidateRead.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
            assertThat(dead).extracting(DeadLetter::reason).satisfiesExactly(
                    r -> assertThat(r).startsWith("malformed JSON for AnprRead"),
                    r -> assertThat(r).contains("confidence must be within 0..1"),
                    r -> assertThat(r).contains("empty payload"));
            assertThat(dead.get(0).original()).isEqualTo(garbage);
            assertThat(dead.get(0)).extracting(DeadLetter::sourceTopic, DeadLetter::partition, DeadLetter::offset, DeadLetter::failedAt)
                    .containsExactly(Topics.ANPR_READS, 1, 41L, NOW);
            assertThat(dead.get(1).offset()).isEqualTo(7);
            assertThat(dead.get(2).original()).isEmpty();
        }
    }

    @Test
    void countAddsOnePerPassageAndMerges() {
        var count = new CountPassages.Count();
        long acc = count.add(new Passage("c", 0), count.add(new Passage("c", 1), count.createAccumulator()));
        assertThat(count.getResult(acc)).isEqualTo(2);
        assertThat(count.merge(acc, 3L)).isEqualTo(5);
    }
}
