package pl.kielce.traffic.streams;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import pl.kielce.traffic.counts.PassageCountJob;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.store.Migrations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs every stream job of the product in one Flink MiniCluster inside this JVM, against the local stack
 * (see {@link LocalStack}): the demo's launcher. Each job is a separate Flink job (own failures and restarts).
 * Flink's REST API / web UI listen on {@code TRAFFIC_FLINK_PORT} (default 58081).
 *
 * <p><b>Adding a job is one line in {@link #JOBS}.</b> Run only some: {@code LocalJobsMain passage-counts other}.
 */
public final class LocalJobsMain {

    /** Every job the demo runs, by name, in start order. */
    static final Map<String, LocalJob> JOBS = new LinkedHashMap<>();

    static {
        // Add your job here: one line, JOBS.put("<name>", YourJob::addToLocalStack);
        JOBS.put("passage-counts", PassageCountJob::addToLocalStack);
        JOBS.put("transit-adherence", pl.kielce.traffic.transit.job.TransitAdherenceJob::addToLocalStack);
        JOBS.put("ctz-enforcement", pl.kielce.traffic.ctz.enforcement.EnforcementJob::addToLocalStack);
        JOBS.put("traffic-flows", pl.kielce.traffic.flows.FlowJob::addToLocalStack);
        JOBS.put("signal-timing", pl.kielce.traffic.signals.job.SignalTimingJob::addToLocalStack);
    }

    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private LocalJobsMain() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        LocalStack stack = LocalStack.fromEnvironment();
        int parallelism = Integer.parseInt(System.getenv().getOrDefault("TRAFFIC_FLINK_PARALLELISM", "2"));
        int restPort = Integer.parseInt(System.getenv().getOrDefault("TRAFFIC_FLINK_PORT", "58081"));
        List<String> wanted = args.length == 0 ? List.copyOf(JOBS.keySet()) : List.of(args);
        for (String name : wanted) {
            if (!JOBS.containsKey(name)) {
                throw new IllegalArgumentException("unknown job '" + name + "'; known: " + JOBS.keySet());
            }
        }

        log("applying database migrations to " + stack.jdbcUrl());
        Migrations.migrate(stack.jdbcUrl());
        int partitions = Integer.parseInt(System.getenv().getOrDefault("TRAFFIC_KAFKA_PARTITIONS", "2"));
        var created = TopicSetup.ensure(stack.kafkaBootstrap(), partitions, Topics.ALL, Duration.ofSeconds(90));
        log("topics ready at " + stack.kafkaBootstrap() + " (created " + created.size() + ")");

        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, restPort);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(parallelism, 1) * Math.max(wanted.size(), 1));
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(Math.max(parallelism, 1) * Math.max(wanted.size(), 1))
                .build());
        cluster.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping the MiniCluster");
            try {
                cluster.closeAsync().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                log("MiniCluster did not stop cleanly: " + e);
            }
            stopped.countDown();
        }, "minicluster-shutdown"));

        List<JobID> ids = new ArrayList<>();
        for (String name : wanted) {
            try {
                StreamExecutionEnvironment env = environment(parallelism);
                JOBS.get(name).addTo(env, stack);
                StreamGraph graph = env.getStreamGraph();
                graph.setJobName(name);
                JobID id = cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
                ids.add(id);
                log("submitted job " + name + " (" + id + ")");
            } catch (Exception | LinkageError e) { // one broken job must not take the others down
                log("job " + name + " could not be submitted, the others run on: " + e);
            }
        }
        awaitRunning(cluster, ids);
        log(String.format("ready: %d job(s) running after %.1f s; Flink UI/REST http://127.0.0.1:%d",
                ids.size(), (System.nanoTime() - started) / 1e9, restPort));
        stopped.await();
    }

    /** A fresh environment with the local stack's settings: parallelism, checkpoints, restarts. */
    static StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "1000");
        conf.setString("restart-strategy.fixed-delay.delay", "5 s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());
        return env;
    }

    private static void awaitRunning(MiniCluster cluster, List<JobID> ids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (JobID id : ids) {
            while (System.nanoTime() < deadline) {
                JobStatus status = cluster.getJobStatus(id).get(10, TimeUnit.SECONDS);
                if (status == JobStatus.RUNNING || status.isTerminalState()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
    }

    static void log(String message) {
        System.out.println("[jobs] " + message);
    }
}
