package pl.kielce.traffic.console.map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import pl.kielce.traffic.events.Topics;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kafka topics feeding the live map: alerts, transit positions and trip updates, and dead letters (a spike of
 * more than {@code console.alerts.dead-letters-per-minute} in one minute raises an alert).
 */
@Component
@ConditionalOnProperty(name = "console.kafka-enabled", havingValue = "true")
class LiveTopics {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTopics.class);
    private final Alerts alerts;
    private final TransitVehicles vehicles;
    private final Clock clock;
    private final long spikePerMinute;
    private final AtomicLong minute = new AtomicLong();
    private final AtomicLong inMinute = new AtomicLong();

    LiveTopics(Alerts alerts, TransitVehicles vehicles, Clock clock,
               @org.springframework.beans.factory.annotation.Value("${console.alerts.dead-letters-per-minute:50}") long spikePerMinute) {
        this.alerts = alerts;
        this.vehicles = vehicles;
        this.clock = clock;
        this.spikePerMinute = spikePerMinute;
    }

    @KafkaListener(topics = Topics.TRAFFIC_ALERTS, groupId = "operator-console-alerts")
    void alert(ConsumerRecord<String, byte[]> r) {
        alerts.ingest(r.value()).ifPresent(reason -> LOG.warn("ignored an alert (offset {}): {}", r.offset(), reason));
    }

    @KafkaListener(topics = Topics.TRANSIT_VEHICLE_POSITIONS, groupId = "operator-console-map")
    void positions(ConsumerRecord<String, byte[]> r) {
        vehicles.positions(r.value()).ifPresent(reason -> LOG.debug("ignored positions: {}", reason));
    }

    @KafkaListener(topics = Topics.TRANSIT_TRIP_UPDATES, groupId = "operator-console-map")
    void tripUpdates(ConsumerRecord<String, byte[]> r) {
        vehicles.tripUpdates(r.value()).ifPresent(reason -> LOG.debug("ignored trip updates: {}", reason));
    }

    @KafkaListener(topics = {Topics.DEAD_LETTER, Topics.ANPR_READS_DLQ}, groupId = "operator-console-dlq")
    void deadLetter(ConsumerRecord<String, byte[]> r) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        long m = now.getEpochSecond() / 60;
        if (minute.getAndSet(m) != m) {
            inMinute.set(0);
        }
        if (inMinute.incrementAndGet() == spikePerMinute + 1) {
            alerts.raise("dead-letters:" + now, "DEAD_LETTER_SPIKE", "WARNING", r.topic(),
                    "More than " + spikePerMinute + " records refused in one minute (latest on " + r.topic() + ")",
                    now, null, null);
        }
    }
}
