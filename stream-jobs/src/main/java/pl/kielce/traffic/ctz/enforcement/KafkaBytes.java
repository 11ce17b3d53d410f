package pl.kielce.traffic.ctz.enforcement;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record as bytes: what the job reads (before validation) and what it writes (any topic).
 * {@code toString} never shows the bytes (they may hold a plate).
 *
 * @param topic     topic read from / to write to
 * @param partition source partition, -1 when not from Kafka
 * @param offset    source offset, -1 when not from Kafka
 * @param key       record key (nullable)
 * @param value     record value (nullable: a tombstone)
 */
public record KafkaBytes(String topic, int partition, long offset, byte[] key, byte[] value) {

    public static KafkaBytes out(String topic, byte[] key, byte[] value) {
        return new KafkaBytes(topic, -1, -1L, key, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaBytes r && partition == r.partition && offset == r.offset
                && Objects.equals(topic, r.topic) && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "KafkaBytes[" + topic + "/" + partition + "@" + offset + ", " + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
