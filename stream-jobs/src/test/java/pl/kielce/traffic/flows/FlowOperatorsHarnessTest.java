package pl.kielce.traffic.flows;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FlowOperatorsHarnessTest {
    static final long T0 = Instant.parse("2026-11-28T08:00:00Z").toEpochMilli();
    static final long FIVE_MIN = 300_000;
    final FlowSettings settings = FlowSettings.DEFAULTS.withCongestion(0.9, 3).withSilentAfter(Duration.ofMinutes(10));

    static ApproachFlow flow(int interval, double x) {
        long s = T0 + interval * FIVE_MIN;
        return new ApproachFlow("ix-1", "N", "detectors", s, s + FIVE_MIN, 100, x * 1000, 0.3, 1000, x, 2, 1.0,
                Double.NaN, Double.NaN);
    }

    @Test
    void congestionAfterThreeConsecutiveIntervalsOnceThenStateAndTimersCleared() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CongestionFunction(settings)),
                ApproachFlow::approachKey, Types.STRING);
        h.open();
        h.setProcessingTime(0);
        h.processElement(new StreamRecord<>(flow(0, 0.95)));
        h.processElement(new StreamRecord<>(flow(1, 0.97)));
        h.processElement(new StreamRecord<>(flow(1, 0.99))); // re-fired interval: ignored
        assertThat(h.extractOutputValues()).isEmpty();
        h.processElement(new StreamRecord<>(flow(2, 1.10)));
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(FlowAlert.Kind.CONGESTION);
            assertThat(a.intervals()).isEqualTo(3);
            assertThat(a.toJson()).contains("\"intersectionId\":\"ix-1\"", "\"approach\":\"N\"", "\"degreeOfSaturation\":1.1");
        });
        h.processElement(new StreamRecord<>(flow(3, 1.20))); // same episode: no second alert
        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.numProcessingTimeTimers()).isEqualTo(1); // one cleanup timer, pushed on by every flow
        assertThat(h.numEventTimeTimers()).isZero();

        h.processElement(new StreamRecord<>(flow(4, 0.50))); // episode over
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();

        // a gap breaks the run: intervals 6, 8, 9 are not three consecutive ones
        h.processElement(new StreamRecord<>(flow(6, 0.95)));
        h.processElement(new StreamRecord<>(flow(8, 0.95)));
        h.processElement(new StreamRecord<>(flow(9, 0.95)));
        assertThat(h.extractOutputValues()).hasSize(1);
        // an unmapped camera (its own measuring point, nominal capacity) never raises CONGESTION
        for (int i = 0; i < 4; i++) {
            long st = T0 + (20 + i) * FIVE_MIN;
            h.processElement(new StreamRecord<>(new ApproachFlow("cam-9", "cam-9", "camera", st, st + FIVE_MIN, 200,
                    2400, Double.NaN, 800, 3.0, 1, 1.0, Double.NaN, Double.NaN)));
        }
        assertThat(h.extractOutputValues()).hasSize(1);
        // event time alone never forgets a streak (see the next test) ...
        h.processWatermark(T0 + 20 * FIVE_MIN);
        assertThat(h.numKeyedStateEntries()).isPositive();
        // ... the approach stops reporting: congestionMemory (processing time) after its last flow it is forgotten
        long memoryMs = settings.congestionMemory().toMillis();
        h.setProcessingTime(memoryMs - 1);
        assertThat(h.numKeyedStateEntries()).isPositive();
        h.setProcessingTime(memoryMs);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }

    @Test
    void silentDeviceAlertedOnceAfterSilenceThenForgotten() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SilenceFunction(settings)),
                Observation::sourceKey, Types.STRING);
        h.open();
        Observation d1 = new Observation("detectors", "d1", "ix-1", "N", T0, 1, 1, 0.1);
        h.setProcessingTime(0);
        h.processElement(new StreamRecord<>(d1));
        h.setProcessingTime(5 * 60_000);
        h.processElement(new StreamRecord<>(d1));
        assertThat(h.numProcessingTimeTimers()).isEqualTo(1); // one timer per device, not per record
        h.setProcessingTime(10 * 60_000); // fires, d1 spoke 5 min ago: re-armed at 15 min
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
        h.setProcessingTime(15 * 60_000);
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(FlowAlert.Kind.SILENT_DETECTOR);
            assertThat(a.deviceId()).isEqualTo("d1");
            assertThat(a.message()).isEqualTo("Detector d1 (ix-1, approach N) silent for 10 min");
        });
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();

        Observation cam = new Observation("camera", "cam-1", "cam-1", "cam-1", T0, 300, 5, Double.NaN);
        h.processElement(new StreamRecord<>(cam));
        h.setProcessingTime(26 * 60_000);
        assertThat(h.extractOutputValues()).hasSize(2).last()
                .satisfies(a -> assertThat(a.toJson()).contains("\"kind\":\"SILENT_CAMERA\"", "\"cameraId\":\"cam-1\""));
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    /**
     * End to end, the next interval's flow can reach this operator after a watermark far past it: a window subtask
     * that resumes after idleness is not part of the combined watermark until it catches up, so the other window
     * subtask's watermark (e.g. 09:00 after an idle gap) arrives first. The streak must survive that.
     */
    @Test
    void congestionRaisedWhenTheNextIntervalArrivesBehindTheWatermark() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CongestionFunction(
                settings.withCongestion(0.5, 2))), ApproachFlow::approachKey, Types.STRING);
        h.open();
        h.processElement(new StreamRecord<>(flow(0, 0.6), T0 + FIVE_MIN - 1));
        h.processWatermark(T0 + 12 * FIVE_MIN); // from the other window subtask, before this one fired interval 1
        h.processElement(new StreamRecord<>(flow(1, 0.9), T0 + 2 * FIVE_MIN - 1));
        assertThat(h.extractOutputValues()).singleElement()
                .satisfies(a -> assertThat(a.toJson()).contains("\"kind\":\"CONGESTION\"", "\"intervals\":2"));
        h.close();
    }

    /** Cameras report once per passage-count window (5 min): their own, longer threshold (the demo uses 2 min / 10 min). */
    @Test
    void camerasHaveTheirOwnSilenceThreshold() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SilenceFunction(
                settings.withSilentAfter(Duration.ofMinutes(2), Duration.ofMinutes(10)))), Observation::sourceKey, Types.STRING);
        h.open();
        h.setProcessingTime(0);
        h.processElement(new StreamRecord<>(new Observation("detectors", "d1", "ix-1", "N", T0, 60, 3, 0.1)));
        h.processElement(new StreamRecord<>(new Observation("camera", "cam-1", "cam-1", "cam-1", T0, 300, 40, Double.NaN)));
        h.setProcessingTime(5 * 60_000); // the camera's next window count is not due yet
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo(FlowAlert.Kind.SILENT_DETECTOR));
        h.processElement(new StreamRecord<>(new Observation("camera", "cam-1", "cam-1", "cam-1", T0 + 300_000, 300, 38, Double.NaN)));
        h.setProcessingTime(14 * 60_000); // 9 min after its last count: still fine
        assertThat(h.extractOutputValues()).hasSize(1);
        h.setProcessingTime(15 * 60_000);
        assertThat(h.extractOutputValues()).hasSize(2).last()
                .satisfies(a -> assertThat(a.message()).isEqualTo("Camera cam-1 (cam-1, approach cam-1) silent for 10 min"));
        h.close();
    }
}
