package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches for the register go on when full, after the linger, before watermarks and barriers, at the end; in order. */
class ReadBatcherTest {
    private static StreamRecord<PlateRead> read(int i) {
        return new StreamRecord<>(new PlateRead("r" + i, "cam", 1_000L * i, "TK" + i, "PL", 0.9, null), 1_000L * i);
    }

    /** The output as text: batches by read ids, watermarks by time. */
    private static List<String> output(OneInputStreamOperatorTestHarness<PlateRead, ReadBatch> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark w) out.add("wm" + w.getTimestamp());
            else if (o instanceof StreamRecord<?> r) {
                out.add(((ReadBatch) r.getValue()).reads().stream().map(PlateRead::readId).toList() + "@" + r.getTimestamp());
            }
        }
        return out;
    }

    @Test
    void batchesGoOnWhenFullAfterTheLingerBeforeWatermarksAndBarriersAndAtTheEnd() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new ReadBatcher(3, 5))) {
            h.open();
            h.setProcessingTime(100);
            for (int i = 1; i <= 4; i++) h.processElement(read(i));
            assertThat(output(h)).containsExactly("[r1, r2, r3]@3000");        // full

            h.processWatermark(new Watermark(3_500));                          // r4 must not fall behind it
            assertThat(output(h)).containsExactly("[r1, r2, r3]@3000", "[r4]@4000", "wm3500");

            h.processElement(read(5));
            h.setProcessingTime(104);
            assertThat(output(h)).hasSize(3);                                  // still lingering
            h.setProcessingTime(106);
            assertThat(output(h)).endsWith("[r5]@5000");                       // linger over

            h.processElement(read(6));
            h.prepareSnapshotPreBarrier(1L);                                   // nothing waits here unrecorded
            assertThat(output(h)).endsWith("[r6]@6000");

            h.processElement(read(7));
            h.endInput();
            h.getOneInputOperator().finish();
            assertThat(output(h)).endsWith("[r7]@7000");
        }
    }
}
