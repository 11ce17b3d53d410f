package pl.kielce.traffic.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code @ExtendWith(KafkaBrokerExtension.class)}: one real in-process Kafka 4.2 KRaft broker per test JVM,
 * started before the first class that uses it and stopped when the whole run ends (it lives in the root
 * {@link ExtensionContext} store). Classes share it, so use topic names unique to your test class.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class MyIT {
 *   @Test void roundTrip() {
 *     KafkaBrokerExtension.createTopics("my.topic");
 *     KafkaBrokerExtension.send("my.topic", "key", "value".getBytes());
 *     var records = KafkaBrokerExtension.consume("my.topic", 1, Duration.ofSeconds(30));
 *   }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    private static volatile KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("broker", key -> new Holder(), Holder.class);
    }

    /** Closed by JUnit when the root context closes, i.e. at the end of the test run. */
    private static final class Holder implements AutoCloseable {
        Holder() {
            synchronized (KafkaBrokerExtension.class) {
                if (broker == null) {
                    broker = KafkaBroker.start();
                }
            }
        }

        @Override
        public void close() {
            synchronized (KafkaBrokerExtension.class) {
                if (broker != null) {
                    broker.close();
                    broker = null;
                }
            }
        }
    }

    /** The running broker; fails clearly when the test class does not use this extension. */
    public static KafkaBroker broker() {
        KafkaBroker b = broker;
        if (b == null) {
            throw new IllegalStateException("no Kafka broker: annotate the test class with "
                    + "@ExtendWith(KafkaBrokerExtension.class)");
        }
        return b;
    }

    /** {@code 127.0.0.1:<port>} of the shared broker. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Creates topics with one partition each; existing ones are kept. */
    public static void createTopics(String... topics) {
        broker().createTopics(1, topics);
    }

    /** Creates topics with {@code partitions} partitions each; existing ones are kept. */
    public static void createTopics(int partitions, String... topics) {
        broker().createTopics(partitions, topics);
    }

    /** Producer settings (byte-array serializers, acks=all) for the shared broker. */
    public static Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return p;
    }

    /** Consumer settings (byte-array deserializers, earliest, no group commits) for the shared broker. */
    public static Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        return p;
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, byte[] value) {
        sendAll(topic, List.of(Map.entry(key == null ? "" : key, value)));
    }

    /** Sends records (key → value) in order and waits until all are acknowledged. */
    public static void sendAll(String topic, List<Map.Entry<String, byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (Map.Entry<String, byte[]> r : records) {
                byte[] key = r.getKey() == null || r.getKey().isEmpty() ? null : r.getKey().getBytes(StandardCharsets.UTF_8);
                acks.add(producer.send(new ProducerRecord<>(topic, key, r.getValue())));
            }
            for (var ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e, e);
        }
    }

    /**
     * Reads {@code topic} from the beginning (all partitions) until {@code count} records arrived, and
     * returns exactly those; throws {@link AssertionError} naming the topic when fewer arrive within
     * {@code timeout}.
     */
    public static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> got = read(topic, count, timeout);
        if (got.size() < count) {
            throw new AssertionError("expected " + count + " records on topic '" + topic + "' within "
                    + timeout + ", got " + got.size());
        }
        return got.subList(0, count);
    }

    /** Every record that arrives on {@code topic} (from the beginning) within {@code duration}. */
    public static List<ConsumerRecord<byte[], byte[]>> consumeFor(String topic, Duration duration) {
        return read(topic, Integer.MAX_VALUE, duration);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
                if (partitions.isEmpty()) {
                    sleep(100);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (got.size() < count) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    break;
                }
                consumer.poll(Duration.ofNanos(Math.min(leftNanos, Duration.ofMillis(200).toNanos())))
                        .forEach(got::add);
            }
        }
        return got;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
