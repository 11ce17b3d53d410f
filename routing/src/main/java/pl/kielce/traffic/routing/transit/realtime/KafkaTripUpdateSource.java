package pl.kielce.traffic.routing.transit.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;

import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.TransitFeeds;

/**
 * Reads GTFS-Realtime TripUpdates feed messages (protobuf bytes) from {@link Topics#TRANSIT_TRIP_UPDATES}
 * and hands them to the real-time writer. A record that does not decode is logged with its reason
 * and skipped; the consumer never dies on one bad record.
 */
public final class KafkaTripUpdateSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTripUpdateSource.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final java.util.function.Consumer<FeedMessage> updater;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();

    public KafkaTripUpdateSource(String bootstrapServers, String topic, java.util.function.Consumer<com.google.transit.realtime.GtfsRealtime.FeedMessage> updater) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // every planner instance needs every update: a group of its own
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "routing-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.updater = updater;
        this.consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::run, "gtfs-rt-kafka");
        this.thread.setDaemon(true);
    }

    public static String defaultTopic() {
        return Topics.TRANSIT_TRIP_UPDATES;
    }

    public KafkaTripUpdateSource start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    received.incrementAndGet();
                    Decoded<FeedMessage> feed = TransitFeeds.decode(r.value());
                    if (feed.isOk()) {
                        updater.accept(feed.value());
                    } else {
                        undecodable.incrementAndGet();
                        LOG.warn("skipping {}@{}/{}: {}", r.topic(), r.partition(), r.offset(), feed.reason());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("GTFS-RT Kafka consumer stopped: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    public long received() {
        return received.get();
    }

    public long undecodable() {
        return undecodable.get();
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
