package pl.kielce.traffic.streams;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import pl.kielce.traffic.events.Topics;

import java.time.Duration;
import java.util.Arrays;

/**
 * Entry point of the job jar on a real Flink cluster ({@code flink run -c pl.kielce.traffic.streams.ClusterJobMain
 * stream-jobs-…-job.jar ctz-enforcement}): builds ONE job of {@link LocalJobsMain#JOBS} by name, against the
 * services named by {@link LocalStack#fromEnvironment()} ({@code TRAFFIC_KAFKA_BOOTSTRAP}, {@code TRAFFIC_JDBC_URL},
 * {@code TRAFFIC_CITY_DIR}), and submits it to the environment {@code flink run} provides. Parallelism, checkpoint
 * interval, checkpoint storage and restart strategy come from the cluster's configuration (the job does not override
 * them), so the same jar runs unchanged under the Flink Kubernetes Operator.
 *
 * <p>{@code ClusterJobMain --prepare [partitions]} (run with the module's full classpath, not through
 * {@code flink run}: the job jar does not ship Flyway) applies the database migrations and creates the topics.
 * Used by {@code ./traffic cluster} (deploy/local/cmd/cluster.sh).
 */
public final class ClusterJobMain {
    private ClusterJobMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = LocalStack.fromEnvironment();
        if (args.length >= 1 && "--prepare".equals(args[0])) {
            int partitions = args.length >= 2 ? Integer.parseInt(args[1]) : 4;
            pl.kielce.traffic.store.Migrations.migrate(stack.jdbcUrl());
            var created = TopicSetup.ensure(stack.kafkaBootstrap(), partitions, Topics.ALL, Duration.ofSeconds(90));
            System.out.println("[cluster] migrations applied; topics ready at " + stack.kafkaBootstrap()
                    + " (created " + created.size() + " with " + partitions + " partitions)");
            return;
        }
        if (args.length != 1 || !LocalJobsMain.JOBS.containsKey(args[0])) {
            throw new IllegalArgumentException("usage: ClusterJobMain JOB (one of " + LocalJobsMain.JOBS.keySet()
                    + ") | --prepare [partitions]; got " + Arrays.toString(args));
        }
        String name = args[0];
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LocalJobsMain.JOBS.get(name).addTo(env, stack);
        env.execute(name);
    }
}
