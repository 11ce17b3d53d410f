package pl.kielce.traffic.flows;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** A Kafka sink for events that write their own JSON (flows, alerts, plans, controller requests). */
public final class KafkaText {
    private KafkaText() {
    }

    public static <T> KafkaSink<T> sink(String bootstrapServers, String topic, SerializableFunction<T, String> key,
                                        SerializableFunction<T, String> json) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "20")
                .setRecordSerializer(new Serializer<>(topic, key, json))
                .build();
    }

    static final class Serializer<T> implements KafkaRecordSerializationSchema<T> {
        private final String topic;
        private final SerializableFunction<T, String> key;
        private final SerializableFunction<T, String> json;

        Serializer(String topic, SerializableFunction<T, String> key, SerializableFunction<T, String> json) {
            this.topic = topic;
            this.key = key;
            this.json = json;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T e, KafkaSinkContext ctx, Long timestamp) {
            String k = key.apply(e);
            // no event-time record timestamp: replayed days may lie outside the broker's accepted range
            return new ProducerRecord<>(topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                    json.apply(e).getBytes(StandardCharsets.UTF_8));
        }
    }
}
