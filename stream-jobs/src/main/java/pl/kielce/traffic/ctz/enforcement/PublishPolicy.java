package pl.kielce.traffic.ctz.enforcement;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.events.Topics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * {@code ./traffic ctz publish-policy DIR}: validates a city pack and sends it to {@code policy.updates}; the running
 * enforcement job decides with it from then on (each decision names the version). A pack with problems is refused
 * here with the loader's messages (and would be dead-lettered by the job).
 */
public final class PublishPolicy {
    private PublishPolicy() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "cities/kielce");
        String bootstrap = args.length > 1 ? args[1] : "127.0.0.1:59092";
        Map<String, String> files = PolicyPacks.readDir(dir);
        Policy p = PolicyPacks.fromStrings(files); // throws with every problem, file and line
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        props.put("acks", "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.POLICY_UPDATES, p.id().getBytes(StandardCharsets.UTF_8), PolicyUpdates.encode(files))).get();
        }
        System.out.println("published policy " + p.id() + " version " + p.version() + " to " + Topics.POLICY_UPDATES + " at " + bootstrap);
    }
}
