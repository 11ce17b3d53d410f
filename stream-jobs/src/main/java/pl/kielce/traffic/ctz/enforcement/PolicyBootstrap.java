package pl.kielce.traffic.ctz.enforcement;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import pl.kielce.traffic.events.Decoded;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The policy in force when a deciding operator starts without a policy in its (restored) broadcast state: the
 * last valid pack on the compacted {@code policy.updates} topic, read to the topic's end <em>before</em> the
 * operator processes its first read. Without it a fresh job decided its first reads with the shipped pack
 * (or an older pack being replayed) until the policy source had caught up.
 */
@FunctionalInterface
public interface PolicyBootstrap extends Serializable {

    /** The topic's state at start; throws when the topic cannot be read (the task fails and restarts). */
    State read();

    /**
     * @param packJson     the last pack on the topic that validates, null when the topic holds none (then the
     *                     shipped pack is the policy)
     * @param lastOffsets  per partition, the offset of the last record read (valid or not): the policy source's
     *                     records up to these are already taken into account and are skipped
     */
    record State(String packJson, Map<Integer, Long> lastOffsets) implements Serializable {
        public static final State EMPTY = new State(null, Map.of());

        /** True when the policy source's {@code pack} was read by the bootstrap already (or is older). */
        public boolean covers(PolicyPack pack) {
            Long last = lastOffsets.get(pack.partition());
            return pack.offset() >= 0 && last != null && pack.offset() <= last;
        }
    }

    /** No topic: the shipped pack (jobs with a fixed policy, tests). */
    PolicyBootstrap NONE = () -> State.EMPTY;

    /** Reads {@code topic} from the beginning to its current end, read_committed, within {@code timeout}. */
    static PolicyBootstrap kafka(String bootstrapServers, String topic, Duration timeout) {
        return new Kafka(bootstrapServers, topic, timeout.toMillis());
    }

    record Kafka(String bootstrapServers, String topic, long timeoutMillis) implements PolicyBootstrap {
        @Override
        public State read() {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrapServers);
            p.put("isolation.level", "read_committed");
            p.put("enable.auto.commit", "false");
            p.put("key.deserializer", ByteArrayDeserializer.class.getName());
            p.put("value.deserializer", ByteArrayDeserializer.class.getName());
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
                List<TopicPartition> parts = new ArrayList<>();
                c.partitionsFor(topic, Duration.ofMillis(timeoutMillis)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
                c.assign(parts);
                c.seekToBeginning(parts);
                Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofMillis(timeoutMillis));
                List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
                Map<Integer, Long> last = new HashMap<>();
                while (!atEnd(c, parts, end)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("policy bootstrap: " + topic + " not read to its end within " + timeoutMillis + " ms");
                    }
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                        records.add(r);
                        last.merge(r.partition(), r.offset(), Math::max);
                    }
                }
                // the last pack wins (one partition in practice; across partitions by record time)
                records.sort(java.util.Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                        .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
                for (int i = records.size() - 1; i >= 0; i--) {
                    Decoded<String> pack = PolicyUpdates.validate(records.get(i).value());
                    if (pack.isOk()) return new State(pack.value(), Map.copyOf(last));
                }
                return new State(null, Map.copyOf(last));
            }
        }

        private static boolean atEnd(KafkaConsumer<?, ?> c, List<TopicPartition> parts, Map<TopicPartition, Long> end) {
            for (TopicPartition tp : parts) if (c.position(tp) < end.get(tp)) return false;
            return true;
        }
    }
}
