package pl.kielce.traffic.streams;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Kafka record exactly as received, before validation: where it came from and its bytes. Jobs decode
 * it with {@code EventCodec} and send what fails to a dead-letter topic with the original bytes.
 * A Flink POJO (public mutable fields would be the alternative; records are POJOs since Flink 1.19).
 *
 * @param topic     source topic
 * @param partition source partition, -1 when not from Kafka
 * @param offset    source offset, -1 when not from Kafka
 * @param key       record key (nullable)
 * @param value     record value (nullable: a tombstone)
 */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

    /** A record not read from Kafka (tests, replays): partition and offset -1. */
    public static RawRecord of(String topic, byte[] value) {
        return new RawRecord(topic, -1, -1L, null, value);
    }

    /** A record to write to {@code topic} (a job's output; partition and offset -1). */
    public static RawRecord out(String topic, byte[] key, byte[] value) {
        return new RawRecord(topic, -1, -1L, key, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord r && partition == r.partition && offset == r.offset
                && Objects.equals(topic, r.topic) && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        // never the bytes: they may hold a plate
        return "RawRecord[" + topic + "/" + partition + "@" + offset + ", " + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
