package pl.kielce.traffic.console.signals;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import pl.kielce.traffic.events.Topics;

/** Consumes {@code signals.plans.proposed}; a bad record is logged and skipped (never stops the consumer). */
@Component
@ConditionalOnProperty(name = "console.kafka-enabled", havingValue = "true")
class ProposedPlansListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProposedPlansListener.class);
    private final SignalPlans plans;

    ProposedPlansListener(SignalPlans plans) {
        this.plans = plans;
    }

    @KafkaListener(topics = Topics.SIGNALS_PLANS_PROPOSED, groupId = "operator-console-plans")
    void onPlan(ConsumerRecord<String, byte[]> r) {
        plans.receive(r.value()).ifPresent(reason -> LOG.warn("refused a proposed plan (offset {}): {}", r.offset(), reason));
    }
}
