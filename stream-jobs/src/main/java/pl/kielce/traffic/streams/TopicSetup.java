package pl.kielce.traffic.streams;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates topics that do not exist yet, waiting for a broker that is still starting. */
public final class TopicSetup {
    private TopicSetup() {
    }

    /** Ensures every topic exists (replication 1, {@code partitions} partitions); returns the ones it created. */
    public static Set<String> ensure(String bootstrapServers, int partitions, Collection<String> topics, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
                Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                var missing = topics.stream().filter(t -> !existing.contains(t))
                        .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
                for (var result : admin.createTopics(missing).values().entrySet()) {
                    try {
                        result.getValue().get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                return missing.stream().map(NewTopic::name).collect(java.util.stream.Collectors.toSet());
            } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("Kafka at " + bootstrapServers + " did not accept topic creation within " + timeout, last);
    }
}
