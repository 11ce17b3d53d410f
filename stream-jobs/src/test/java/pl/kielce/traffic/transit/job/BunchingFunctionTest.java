package pl.kielce.traffic.transit.job;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.adherence.StopPassage;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.TinyNetwork.at;

class BunchingFunctionTest {
    @Test
    void bunchingIsAlertedAndOldPassagesAreForgotten() throws Exception {
        // memory 7200 s; T1 and T2 scheduled 600 s apart at C; limit 0.25 × 600 = 150 s
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BunchingFunction(AdherenceSettings.DEFAULTS)),
                StopPassage::directionKey, Types.STRING);
        harness.open();

        harness.processElement(new StreamRecord<>(
                new StopPassage("R1/dir0", "R1", "T1", "bus-1", "C", at("08:09:00"), at("08:04:00")), at("08:09:00") * 1000));
        harness.processElement(new StreamRecord<>(
                new StopPassage("R1/dir0", "R1", "T2", "bus-2", "C", at("08:10:00"), at("08:14:00")), at("08:10:00") * 1000));

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(a -> assertThat(new String(a.value(), StandardCharsets.UTF_8))
                        .contains("\"kind\":\"TRANSIT_BUNCHING\"").contains("\"headwaySeconds\":60")
                        .contains("\"precedingTripId\":\"T1\""));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // one map state (one stop) for the key

        // 08:10 + 7200 s, rounded up to the next minute boundary + 1 min: everything is forgotten
        harness.processWatermark((at("10:10:00") + 120) * 1000);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.close();
    }
}
