package pl.kielce.traffic.streams;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Option;

import java.util.Properties;

/**
 * The producer the command-line simulators and replays publish with (bytes in, bytes out, {@code acks=all},
 * 20 ms linger), and a picocli mixin of its {@code --bootstrap-servers} option:
 * {@code @Mixin KafkaPublisher kafka;} then {@code kafka.producer()}.
 */
public final class KafkaPublisher {
    /** The local stack's broker ({@code ./traffic stack up}). */
    public static final String LOCAL_BOOTSTRAP_SERVERS = "127.0.0.1:59092";

    @Option(names = "--bootstrap-servers", defaultValue = LOCAL_BOOTSTRAP_SERVERS, description = "Kafka (default ${DEFAULT-VALUE})")
    String bootstrapServers;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A new producer to {@code --bootstrap-servers}; the caller closes it. */
    public KafkaProducer<byte[], byte[]> producer() {
        return producer(bootstrapServers);
    }

    /** A new producer to {@code bootstrapServers}; the caller closes it. */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }
}
