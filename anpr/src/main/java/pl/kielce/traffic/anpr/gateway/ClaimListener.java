package pl.kielce.traffic.anpr.gateway;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.EvidenceClaim;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consumes {@link EvidenceClaim}s and moves the claimed images out of the time-to-live area. A malformed
 * claim or an unknown reference is counted and skipped; the listener never dies on one record.
 */
public final class ClaimListener implements Runnable, AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final EvidenceStore store;
    private final String topic;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running = true;

    public ClaimListener(String bootstrapServers, String topic, String groupId, EvidenceStore store) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.store = store;
        this.topic = topic;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Decoded<EvidenceClaim> d = EventCodec.decode(r.value(), EvidenceClaim.class);
                    try {
                        if (d.isOk() && store.claim(d.value().evidenceRef())) {
                            claimed.incrementAndGet();
                        } else {
                            rejected.incrementAndGet();
                        }
                    } catch (Exception e) {
                        rejected.incrementAndGet();
                    }
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public long claimed() {
        return claimed.get();
    }

    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
