package pl.kielce.traffic.console.review;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;

import java.time.Clock;

/** Consumes {@code ctz.violations} and {@code ctz.reviews} into cases; a bad record goes to the dead-letter topic. */
@Component
@ConditionalOnProperty(name = "console.kafka-enabled", havingValue = "true")
class ViolationListener {
    private static final Logger LOG = LoggerFactory.getLogger(ViolationListener.class);
    private final CaseIngest ingest;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;

    ViolationListener(CaseIngest ingest, KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.ingest = ingest;
        this.kafka = kafka;
        this.clock = clock;
    }

    @KafkaListener(topics = {Topics.CTZ_VIOLATIONS, Topics.CTZ_REVIEWS}, groupId = "operator-console-cases")
    void onRecord(ConsumerRecord<String, byte[]> r) {
        ingest.accept(r.value()).ifPresent(reason -> {
            LOG.warn("refused a record of {} (partition {}, offset {}): {}", r.topic(), r.partition(), r.offset(), reason);
            DeadLetter dl = DeadLetter.of(r.value(), r.topic(), r.partition(), r.offset(), reason, clock.instant());
            kafka.send(Topics.deadLetterFor(r.topic()), r.key(), EventCodec.encode(dl));
        });
    }
}
