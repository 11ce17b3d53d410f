package pl.kielce.traffic.transit.job;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** The byte sink for GTFS-RT TripUpdates and alert JSON (the shared {@code streams.Kafka} has the source and dead-letter sink). */
public final class KafkaBytesSink {
    private KafkaBytesSink() {
    }

    public static KafkaSink<KeyedBytes> sink(String bootstrapServers, String topic) {
        return KafkaSink.<KeyedBytes>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new TopicSerializer(topic))
                .build();
    }

    static final class TopicSerializer implements KafkaRecordSerializationSchema<KeyedBytes> {
        private final String topic;

        TopicSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(KeyedBytes e, KafkaSinkContext ctx, Long timestamp) {
            // no record timestamp from event time: replayed or simulated days may lie outside the broker's
            // accepted range (message.timestamp.after.max.ms) and one refused record would fail the job
            return new ProducerRecord<>(topic, null, null,
                    e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8), e.value());
        }
    }
}
