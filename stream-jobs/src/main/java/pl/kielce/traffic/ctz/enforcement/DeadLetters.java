package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.streams.RawRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Dead-letter records of the enforcement job, as Kafka records for {@link Topics#ANPR_READS_DLQ}. */
final class DeadLetters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetters() {
    }

    /** A record that failed validation, for {@code dlqTopic}: its bytes as received and the reason. */
    static RawRecord of(RawRecord source, String reason, Instant at, String dlqTopic) {
        String topic = source.topic() == null ? "unknown" : source.topic();
        DeadLetter dl = DeadLetter.of(source.value(), topic, source.partition(), source.offset(), reason, at);
        return RawRecord.out(dlqTopic, topic.getBytes(StandardCharsets.UTF_8), EventCodec.encode(dl));
    }

    /**
     * A valid read that arrived too late to be decided. The vehicle may be compliant, so the plate and its
     * candidates are removed (privacy rule: no plate of a possibly compliant vehicle is kept); the read id,
     * camera, time and evidence reference stay so an operator can find the image if needed.
     */
    static RawRecord late(PlateRead read, long watermarkMillis, long allowedLatenessMillis, Instant at) {
        return redacted(read, "late read: captured at " + Instant.ofEpochMilli(read.capturedAtMillis()) + " is more than "
                + allowedLatenessMillis + " ms behind the watermark " + Instant.ofEpochMilli(watermarkMillis)
                + "; not decided (plate removed)", at);
    }

    /** A read not decided, for {@code reason}: read id, camera, time and evidence reference, the plate removed. */
    static RawRecord redacted(PlateRead read, String reason, Instant at) {
        ObjectNode redacted = JSON.createObjectNode();
        redacted.put("readId", read.readId());
        redacted.put("cameraId", read.cameraId());
        redacted.put("capturedAt", Instant.ofEpochMilli(read.capturedAtMillis()).toString());
        redacted.put("plate", "REDACTED");
        if (read.evidenceRef() != null) redacted.put("evidenceRef", read.evidenceRef());
        DeadLetter dl = DeadLetter.of(redacted.toString().getBytes(StandardCharsets.UTF_8), Topics.ANPR_READS, -1, -1L, reason, at);
        return RawRecord.out(Topics.ANPR_READS_DLQ, Topics.ANPR_READS.getBytes(StandardCharsets.UTF_8), EventCodec.encode(dl));
    }
}
