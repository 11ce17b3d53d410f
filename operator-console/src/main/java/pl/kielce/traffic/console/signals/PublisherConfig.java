package pl.kielce.traffic.console.signals;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import pl.kielce.traffic.events.Topics;

import java.util.concurrent.TimeUnit;

/**
 * With {@code console.kafka-enabled=true} approved plans go to Kafka (waiting for the broker's acknowledgement);
 * without Kafka they are only logged as not published (the plan log says so).
 */
@Configuration
class PublisherConfig {
    private static final Logger LOG = LoggerFactory.getLogger(PublisherConfig.class);

    @Bean
    PlanPublisher planPublisher(@Value("${console.kafka-enabled:false}") boolean kafkaEnabled,
                                ObjectProvider<KafkaTemplate<String, byte[]>> kafka) {
        if (!kafkaEnabled) {
            return (intersection, json) -> {
                LOG.warn("Kafka is disabled (console.kafka-enabled=false): plan for {} not published", intersection);
                return false;
            };
        }
        KafkaTemplate<String, byte[]> template = kafka.getObject();
        return (intersection, json) -> {
            try {
                template.send(Topics.SIGNALS_PLANS_APPROVED, intersection, json).get(10, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                LOG.error("could not publish the approved plan for {}: {}", intersection, e.toString());
                return false;
            }
        };
    }
}
