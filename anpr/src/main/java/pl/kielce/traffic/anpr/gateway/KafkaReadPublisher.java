package pl.kielce.traffic.anpr.gateway;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.EventCodec;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Publishes {@link AnprRead} as versioned JSON ({@link EventCodec}), key = camera id, and waits for the ack. */
public final class KafkaReadPublisher implements ReadPublisher {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public KafkaReadPublisher(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
    }

    @Override
    public void publish(AnprRead read) throws Exception {
        producer.send(new ProducerRecord<>(topic, read.cameraId(), EventCodec.encode(read))).get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
