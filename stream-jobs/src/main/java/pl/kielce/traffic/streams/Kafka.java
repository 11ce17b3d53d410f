package pl.kielce.traffic.streams;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.EventCodec;

import java.nio.charset.StandardCharsets;

/** Kafka sources and sinks shared by the jobs: raw records in, JSON events out. */
public final class Kafka {
    private Kafka() {
    }

    /**
     * Reads {@code topic} as {@link RawRecord}s, from the group's committed offsets (earliest when none):
     * no decoding in the source, so a bad record can never fail the source.
     */
    public static KafkaSource<RawRecord> rawSource(String bootstrapServers, String topic, String groupId) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("partition.discovery.interval.ms", "10000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /** Writes events as {@code EventCodec} JSON to {@code topic}, keyed by {@code key} (may return null). */
    public static <T> KafkaSink<T> jsonSink(String bootstrapServers, String topic, SerializableFunction<T, String> key) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new JsonEventSerializer<>(topic, key))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "20")
                .build();
    }

    /** Writes {@link DeadLetter}s to {@code topic}, keyed by source topic. */
    public static KafkaSink<DeadLetter> deadLetterSink(String bootstrapServers, String topic) {
        return jsonSink(bootstrapServers, topic, DeadLetter::sourceTopic);
    }

    /** Wraps every consumer record, whatever its bytes. */
    /** Wraps every consumer record as a {@link RawRecord} (for custom, e.g. bounded, Kafka sources). */
    public static final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            out.collect(new RawRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value()));
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }
    }

    /** EventCodec JSON value, UTF-8 key, record timestamp = produce time. */
    static final class JsonEventSerializer<T> implements KafkaRecordSerializationSchema<T> {
        private final String topic;
        private final SerializableFunction<T, String> key;

        JsonEventSerializer(String topic, SerializableFunction<T, String> key) {
            this.topic = topic;
            this.key = key;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            String k = key.apply(element);
            // no event-time timestamp on the Kafka record: the producer stamps it now. An old event time
            // (a replay, a window of last month) would make the broker's retention delete it at once.
            return new ProducerRecord<>(topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                    EventCodec.encode(element));
        }
    }
}
