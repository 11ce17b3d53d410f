package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.streams.RawRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka edges of the enforcement job: raw-bytes sources that read only committed records, and one
 * exactly-once (transactional) sink for every record the job writes, whatever its topic.
 */
public final class KafkaIo {
    private KafkaIo() {
    }

    /** Records of {@code topic} as bytes, from the group's committed offsets (earliest when none), read_committed. */
    public static KafkaSource<RawRecord> source(String bootstrap, String topic, String groupId) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new Kafka.RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "10000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /**
     * Policy updates: always the whole topic from the beginning (it is small, the last pack wins), so a job started
     * without a savepoint still decides with the latest published policy.
     */
    public static KafkaSource<RawRecord> policySource(String bootstrap, String topic, String groupId) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Kafka.RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
    }

    /**
     * Exactly-once sink: records become visible to read_committed consumers when the checkpoint that covers
     * them completes. {@code transactionalIdPrefix} must be unique per job.
     */
    public static KafkaSink<RawRecord> exactlyOnceSink(String bootstrap, String transactionalIdPrefix) {
        return KafkaSink.<RawRecord>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(new BytesSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty("transaction.timeout.ms", "600000")
                .setProperty("linger.ms", "5")
                .setProperty("batch.size", "262144")
                .build();
    }

    static final class BytesSerializer implements KafkaRecordSerializationSchema<RawRecord> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(RawRecord r, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(r.topic(), null, null, r.key(), r.value());
        }
    }
}
