package pl.kielce.traffic.streams;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.PassageCount;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaSerializationTest {

    @Test
    void jsonRecordsCarryKeyAndCodecJsonButNoEventTimeTimestamp() {
        var start = Instant.parse("2026-01-20T12:00:00Z");
        var count = new PassageCount("cam-1", start, start.plusSeconds(300), 7);
        var record = new Kafka.JsonEventSerializer<PassageCount>("counts", PassageCount::cameraId)
                .serialize(count, null, start.plusSeconds(300).toEpochMilli() - 1);
        assertThat(record.topic()).isEqualTo("counts");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("cam-1");
        assertThat(EventCodec.decode(record.value(), PassageCount.class).value()).isEqualTo(count);
        // an old event time as record timestamp would let broker retention delete the record at once
        assertThat(record.timestamp()).isNull();
    }

    @Test
    void rawRecordsNeverPrintTheirBytes() {
        var raw = new RawRecord("anpr.reads", 1, 9, null, "{\"plate\":\"TK12345\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(raw.toString()).doesNotContain("TK12345").contains("anpr.reads/1@9");
        assertThat(raw).isEqualTo(new RawRecord("anpr.reads", 1, 9, null, "{\"plate\":\"TK12345\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
