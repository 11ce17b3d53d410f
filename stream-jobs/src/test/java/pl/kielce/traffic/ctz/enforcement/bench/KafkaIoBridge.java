package pl.kielce.traffic.ctz.enforcement.bench;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import pl.kielce.traffic.ctz.enforcement.KafkaBytes;

/** Bytes deserializer for the benchmark's bounded sources (same as the job's). */
final class KafkaIoBridge {
    private KafkaIoBridge() {
    }

    static final class Bytes implements KafkaRecordDeserializationSchema<KafkaBytes> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<KafkaBytes> out) {
            out.collect(new KafkaBytes(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
        }

        @Override
        public TypeInformation<KafkaBytes> getProducedType() {
            return TypeInformation.of(KafkaBytes.class);
        }
    }
}
