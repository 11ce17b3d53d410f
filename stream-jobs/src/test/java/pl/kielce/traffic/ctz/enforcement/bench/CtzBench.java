package pl.kielce.traffic.ctz.enforcement.bench;

import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.streams.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import pl.kielce.traffic.ctz.enforcement.EnforcementJob;
import pl.kielce.traffic.ctz.enforcement.EnforcementSettings;
import pl.kielce.traffic.ctz.enforcement.JdbcRegisterClient;
import pl.kielce.traffic.ctz.enforcement.JdbcSinks;
import pl.kielce.traffic.ctz.enforcement.KafkaIo;
import pl.kielce.traffic.ctz.enforcement.PolicyBootstrap;
import pl.kielce.traffic.ctz.enforcement.PolicyUpdates;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.Violation;
import pl.kielce.traffic.store.Migrations;
import pl.kielce.traffic.testsupport.KafkaBroker;
import pl.kielce.traffic.testsupport.PostgisDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./traffic bench ctz}: the enforcement job against a plain pass-through job on the same topics, in one run,
 * on this machine (in-process Kafka broker, Flink MiniCluster at parallelism 2, PostGIS — all sharing the cores).
 *
 * <ol>
 *   <li>Generates realistic reads: 50,000 registered plates with Zipf-skewed popularity (s = 1), ~10 % non-compliant,
 *   a few exempt, 3 % of reads from plates the register does not know, every Kielce camera (inside and outside the
 *   zone); publishes them to one topic.</li>
 *   <li>Throughput: both jobs read the whole topic (bounded, read_committed) and write exactly-once, alternately in
 *   rounds ({@code -Dctz.bench.rounds}, default 13; the first {@code -Dctz.bench.warmup}, default 5, warm both up and
 *   are not counted) on one Flink MiniCluster started once for all rounds, as a Flink cluster runs its jobs. A run's
 *   reads/s = reads / the time from its first read to its end (its last transaction committed); the time with the
 *   job's start is printed beside it. The result is the median over the counted rounds of each job's reads/s and of
 *   the per-round ratio. Why so many rounds: broker, Flink, JDBC and the job share one JVM, and the JIT compiler kept
 *   compiling for minutes (its threads used 0.4–0.6 of a core in every round); the job's CPU per read fell until
 *   about the sixth round (16.7 → 8–11.5 µs), the pass-through's by the third. One round pair varies by ±15 %.
 *   Same environment for both: parallelism 2, object reuse, checkpoints every 200 ms to a
 *   filesystem directory ({@code -Dctz.bench.conf=k=v;…} adds Flink settings to both, e.g. a state backend;
 *   {@code -Dctz.bench.clusterPerRound=true} starts a cluster per run, as the harness did until 2026-11-29).</li>
 *   <li>Latency: the enforcement job on an unbounded topic fed at a fixed 1,000 reads/s; for each violation,
 *   committed-visible time (read_committed consumer) minus capture time; p50 / p99.</li>
 * </ol>
 * Last line: {@code throughput_ratio=R job_reads_per_s=N passthrough_reads_per_s=M p50_ms=A p99_ms=B}.
 */
public final class CtzBench {
    static final int REGISTERED = 50_000;
    static final int UNKNOWN_POOL = 5_000;
    static Path defaultCheckpointDir;

    public static void main(String[] args) throws Exception {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path repo = Path.of(System.getProperty("repo.root", "."));
        Map<String, String> pack = benchPack(repo.resolve("cities/kielce"));
        Policy policy = PolicyPacks.fromStrings(pack);
        List<String> cameras = new ArrayList<>(policy.cameras().keySet());
        String packJson = new String(PolicyUpdates.encode(pack), StandardCharsets.UTF_8);

        Path tmp = Files.createTempDirectory("ctz-bench");
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")); // postgres must enter
        defaultCheckpointDir = tmp.resolve("checkpoints");
        String pgAdmin = System.getenv("TRAFFIC_TEST_PG_URL");
        try (KafkaBroker kafka = KafkaBroker.start();
             PostgisDatabase db = pgAdmin != null ? PostgisDatabase.inCluster(pgAdmin) : PostgisDatabase.inPrivateCluster(tmp)) {
            String jdbc = db.jdbcUrl();
            Migrations.migrate(jdbc);
            fillRegister(jdbc);
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(2, "bench.reads", "bench.passthrough", "bench.live-reads", "bench.policy");
            kafka.createTopics(2, Topics.CTZ_VIOLATIONS, Topics.CTZ_REVIEWS, Topics.EVIDENCE_CLAIMS, Topics.ANPR_READS_DLQ,
                    Topics.DEAD_LETTER);

            say("generating and publishing %,d reads …", reads);
            Instant base = Instant.now().minus(Duration.ofHours(3));
            long published = publish(bootstrap, "bench.reads", reads, cameras, base, 0);
            say("published %,d reads", published);

            EnforcementSettings settings = benchSettings();
            say("checkpoint interval %d ms, config %s", settings.checkpointInterval().toMillis(), System.getProperty("ctz.bench.conf", "-"));
            // 1) + 2) the pass-through and the enforcement job on the same topic, alternately. The warm-up rounds warm the
            // JVM (JIT) and the broker for both and are not counted (the first version timed the pass-through cold and the
            // job warm, which flattered the job)
            int rounds = Math.max(1, Integer.getInteger("ctz.bench.rounds", 13));
            int warmup = Math.min(rounds - 1, Math.max(0, Integer.getInteger("ctz.bench.warmup", 5)));
            List<Double> passRates = new ArrayList<>();
            List<Double> jobRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                String r = "-" + round;
                String loadBefore = loadAverage();
                double[] cpu0 = cpuSeconds(tmp);
                Run pass = runBounded("passthrough", env -> env
                        .fromSource(timedSource(bootstrap, "bench.reads", "bench-pass" + r), WatermarkStrategy.noWatermarks(), "reads")
                        .map(x -> RawRecord.out("bench.passthrough", x.key(), x.value())).name("pass-through")
                        .sinkTo(KafkaIo.exactlyOnceSink(bootstrap, "bench-pass" + r)).name("kafka-out"), settings);
                double[] cpu1 = cpuSeconds(tmp);
                double ps = pass.processingSeconds();
                say("round %d pass-through: %,d reads in %.1f s from the first read (%.1f s with the job's start) = %,.0f reads/s "
                        + "(load %s); %s", round, reads, ps, pass.wallSeconds(), reads / ps, loadBefore, cpuLine(cpu0, cpu1, reads));
                // every round writes its cases and counters from scratch (otherwise round 2's writes are idempotent no-ops)
                try (Connection c = DriverManager.getConnection(jdbc)) {
                    c.createStatement().execute("TRUNCATE ctz_cases, ctz_decision_counts, occasional_entries CASCADE");
                }
                loadBefore = loadAverage();
                cpu0 = cpuSeconds(tmp);
                Run job = runBounded("ctz-enforcement", env -> new EnforcementJob(
                        timedSource(bootstrap, "bench.reads", "bench-ctz" + r), boundedSource(bootstrap, "bench.policy", "bench-ctz-policy" + r),
                        PolicyBootstrap.kafka(bootstrap, "bench.policy", Duration.ofSeconds(30)),
                        KafkaIo.exactlyOnceSink(bootstrap, "bench-ctz" + r), JdbcSinks.cases(jdbc), JdbcSinks.counts(jdbc),
                        JdbcSinks.occasionalEntries(jdbc), JdbcRegisterClient.factory(jdbc, 2), packJson, settings, Clock.systemUTC())
                        .addTo(env), settings);
                cpu1 = cpuSeconds(tmp);
                double js = job.processingSeconds();
                say("round %d enforcement job: %,d reads in %.1f s from the first read (%.1f s with the job's start) = %,.0f reads/s, "
                        + "ratio %.2f (load %s); %s", round, reads, js, job.wallSeconds(), reads / js, ps / js, loadBefore,
                        cpuLine(cpu0, cpu1, reads));
                if (round > warmup) {
                    passRates.add(reads / ps);
                    jobRates.add(reads / js);
                    ratios.add(ps / js);
                }
            }
            if (cluster != null) {
                cluster.close();
                cluster = null;
            }
            double passRate = median(passRates);
            double jobRate = median(jobRates);
            double ratio = median(ratios);
            say("median of rounds %d-%d: pass-through %,.0f reads/s, enforcement job %,.0f reads/s, ratio job / pass-through %.2f "
                    + "(per round: %s)", warmup + 1, rounds, passRate, jobRate, ratio,
                    ratios.stream().map(x -> String.format("%.2f", x)).toList());
            try (Connection c = DriverManager.getConnection(jdbc)) {
                var rs = c.createStatement().executeQuery("SELECT outcome, sum(passages) FROM ctz_decision_counts GROUP BY outcome ORDER BY 1");
                StringBuilder b = new StringBuilder();
                while (rs.next()) b.append(rs.getString(1)).append('=').append(rs.getLong(2)).append(' ');
                var rs2 = c.createStatement().executeQuery("SELECT kind, count(*) FROM ctz_cases GROUP BY kind ORDER BY 1");
                while (rs2.next()) b.append("cases_").append(rs2.getString(1)).append('=').append(rs2.getLong(2)).append(' ');
                say("decided passages by outcome: %s", b.toString().trim());
            }

            // 3) latency at a fixed 1,000 reads/s
            double[] lat = latency(bootstrap, jdbc, packJson, cameras, latencySeconds);
            say("latency read captured → violation committed at 1,000 reads/s: %d violations, p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                    (long) lat[0], lat[1], lat[2], lat[3]);
            System.out.printf("throughput_ratio=%.2f job_reads_per_s=%.0f passthrough_reads_per_s=%.0f p50_ms=%.0f p99_ms=%.0f%n",
                    ratio, jobRate, passRate, lat[1], lat[2]);
        }
        System.exit(0);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    interface Pipeline {
        void build(StreamExecutionEnvironment env) throws Exception;
    }

    /** A job's environment: on {@code cluster}, or (null) on a MiniCluster of its own. */
    static StreamExecutionEnvironment env(EnforcementSettings settings, boolean prometheus, MiniCluster cluster) {
        Configuration conf = config(prometheus);
        StreamExecutionEnvironment env = cluster == null ? StreamExecutionEnvironment.getExecutionEnvironment(conf)
                : new TestStreamEnvironment(cluster, conf, 2, List.of(), List.of());
        env.setParallelism(2);
        env.getConfig().enableObjectReuse(); // the same for both jobs
        env.enableCheckpointing(settings.checkpointInterval().toMillis());
        return env;
    }

    static Configuration config(boolean prometheus) {
        Configuration conf = new Configuration();
        if (prometheus) {
            conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString("metrics.reporter.prom.port", "59249-59259");
        }
        conf.setString("taskmanager.memory.network.fraction", "0.1");
        // experiments: -Dctz.bench.checkpointDir=/tmp/x (filesystem checkpoint storage), -Dctz.bench.conf=k=v;k=v
        // filesystem checkpoint storage for both jobs (default: a directory in the run's temp dir); the JobManager's
        // in-memory storage copied every snapshot through growing byte arrays and the JobManager's I/O threads
        String dir = System.getProperty("ctz.bench.checkpointDir", defaultCheckpointDir == null ? null : defaultCheckpointDir.toString());
        if (dir != null) {
            conf.setString("execution.checkpointing.storage", "filesystem");
            conf.setString("execution.checkpointing.dir", Path.of(dir).toUri().toString());
        }
        for (String kv : System.getProperty("ctz.bench.conf", "").split(";")) {
            int eq = kv.indexOf('=');
            if (eq > 0) conf.setString(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return conf;
    }

    /**
     * The cluster the throughput rounds run on: started once, like a Flink cluster that runs jobs for weeks. With a
     * cluster per job run (the harness until 2026-11-29) each run also started a JobManager and a TaskManager with
     * their RPC system (1.2–1.6 s here) — the same for both jobs, so a larger share of the short pass-through run.
     */
    static MiniCluster cluster;

    static MiniCluster startCluster() throws Exception {
        MiniCluster c = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(config(false))
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        c.start();
        return c;
    }

    /**
     * A bounded run's times: from {@code execute} and from the first read its source handed out, both to the end of
     * the job (its last transaction committed). Throughput is reads / the second: how fast the job processes reads,
     * not how fast it starts (scheduling, connections, the policy bootstrap — once per deployment, and a larger share
     * of the short pass-through run).
     */
    record Run(double wallSeconds, double processingSeconds) { }

    /** System.nanoTime() of the first read handed out by a {@link #timedSource} since the last reset (0: none yet). */
    static final AtomicLong FIRST_READ_NANOS = new AtomicLong();

    static Run runBounded(String name, Pipeline p, EnforcementSettings settings) throws Exception {
        boolean perRound = Boolean.getBoolean("ctz.bench.clusterPerRound");
        if (!perRound && cluster == null) cluster = startCluster();
        StreamExecutionEnvironment env = env(settings, false, perRound ? null : cluster);
        p.build(env);
        FIRST_READ_NANOS.set(0);
        long t0 = System.nanoTime();
        env.execute(name);
        long end = System.nanoTime();
        long first = FIRST_READ_NANOS.get();
        if (first == 0) throw new IllegalStateException(name + " read nothing");
        return new Run((end - t0) / 1e9, (end - first) / 1e9);
    }

    /** {@link #boundedSource} that notes when its first read is handed out ({@link #FIRST_READ_NANOS}). */
    static KafkaSource<RawRecord> timedSource(String bootstrap, String topic, String group) {
        return boundedSource(bootstrap, topic, group, new FirstReadClock());
    }

    static final class FirstReadClock implements KafkaRecordDeserializationSchema<RawRecord> {
        private final Kafka.RawRecordDeserializer records = new Kafka.RawRecordDeserializer();

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) throws IOException {
            if (FIRST_READ_NANOS.get() == 0) FIRST_READ_NANOS.compareAndSet(0, System.nanoTime());
            records.deserialize(record, out);
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return records.getProducedType();
        }
    }

    static KafkaSource<RawRecord> boundedSource(String bootstrap, String topic, String group) {
        return boundedSource(bootstrap, topic, group, new Kafka.RawRecordDeserializer());
    }

    static KafkaSource<RawRecord> boundedSource(String bootstrap, String topic, String group,
                                                KafkaRecordDeserializationSchema<RawRecord> records) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrap).setTopics(topic).setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest())
                .setDeserializer(records)
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    /** Latency run; returns {count, p50, p99, max} in ms. */
    static EnforcementSettings benchSettings() {
        long ms = Long.getLong("ctz.bench.checkpointMs", EnforcementSettings.DEFAULTS.checkpointInterval().toMillis());
        return EnforcementSettings.DEFAULTS.withCheckpointInterval(Duration.ofMillis(ms));
    }

    static double[] latency(String bootstrap, String jdbc, String packJson, List<String> cameras, int seconds) throws Exception {
        EnforcementSettings settings = benchSettings();
        StreamExecutionEnvironment env = env(settings, true, null); // its own cluster: the Prometheus reporter is a cluster setting
        new EnforcementJob(KafkaIo.source(bootstrap, "bench.live-reads", "bench-live"), KafkaIo.policySource(bootstrap, "bench.policy", "bench-live-policy"),
                PolicyBootstrap.kafka(bootstrap, "bench.policy", Duration.ofSeconds(30)),
                KafkaIo.exactlyOnceSink(bootstrap, "bench-live"), JdbcSinks.cases(jdbc), JdbcSinks.counts(jdbc),
                JdbcSinks.occasionalEntries(jdbc), JdbcRegisterClient.factory(jdbc, 2), packJson, settings, Clock.systemUTC()).addTo(env);
        JobClient job = env.executeAsync("ctz-enforcement-latency");
        Thread.sleep(3000); // job up
        Instant start = Instant.now();
        List<Double> latencies = new ArrayList<>();
        Thread consumer = new Thread(() -> consumeViolations(bootstrap, start, seconds + 5, latencies), "bench-consumer");
        consumer.start();
        say("feeding 1,000 reads/s for %d s …", seconds);
        publishPaced(bootstrap, "bench.live-reads", seconds, cameras);
        consumer.join();
        String metrics = scrapeMetrics();
        job.cancel().get(30, TimeUnit.SECONDS);
        if (metrics != null) say("Prometheus reporter: %s", metrics);
        double[] v = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) return new double[] {0, Double.NaN, Double.NaN, Double.NaN};
        return new double[] {v.length, v[(int) Math.floor(0.50 * (v.length - 1))], v[(int) Math.floor(0.99 * (v.length - 1))], v[v.length - 1]};
    }

    static void consumeViolations(String bootstrap, Instant start, int seconds, List<Double> out) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-latency-" + System.nanoTime());
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "latest");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            var parts = c.partitionsFor(Topics.CTZ_VIOLATIONS).stream().map(i -> new TopicPartition(Topics.CTZ_VIOLATIONS, i.partition())).toList();
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position);
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    var v = EventCodec.decode(r.value(), Violation.class);
                    if (v.isOk() && !v.value().firstSeen().isBefore(start)) {
                        synchronized (out) {
                            out.add((double) (now - v.value().firstSeen().toEpochMilli()));
                        }
                    }
                }
            }
        }
    }

    static String scrapeMetrics() {
        for (int port = 59249; port <= 59259; port++) {
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                List<String> ctz = Arrays.stream(r.body().split("\n")).filter(l -> l.startsWith("flink_taskmanager_job_task_operator_")
                        && l.replaceAll("[{ ].*", "").contains("ctz")).toList();
                if (!ctz.isEmpty()) {
                    TreeMap<String, Integer> names = new TreeMap<>();
                    for (String l : ctz) names.merge(l.replaceAll("[{ ].*", ""), 1, Integer::sum);
                    return ctz.size() + " ctz series on port " + port + ": " + names.keySet();
                }
            } catch (Exception ignored) {
                // next port
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ data

    /** Kielce pack, stage 1 in force from 2026-01-01 (so reads captured now are decided), no occasional entries. */
    static Map<String, String> benchPack(Path dir) {
        Map<String, String> files = new TreeMap<>(PolicyPacks.readDir(dir));
        String y = files.get("policy.yaml")
                .replaceAll("(?s)\\n  - id: occasional-entries\\n.*?daysPerYear: 6\\n", "\n")
                .replace("validFrom: 2027-07-01", "validFrom: 2026-01-01")
                .replaceFirst("(?m)^version: .*$", "version: \"bench\"");
        files.put("policy.yaml", y);
        return files;
    }

    static String plate(int i) {
        return String.format("TK%05d", i);
    }

    static void fillRegister(String jdbc) throws Exception {
        say("filling the vehicle register with %,d vehicles (~10 %% non-compliant) …", REGISTERED);
        try (Connection c = DriverManager.getConnection(jdbc)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vehicle_register (plate, category, fuel, euro_norm, "
                    + "production_year, gross_mass_kg, historic, special_service) VALUES (?, 'M1', ?, ?, ?, 1500, false, ?) ON CONFLICT DO NOTHING")) {
                SplittableRandom rnd = new SplittableRandom(7);
                for (int i = 0; i < REGISTERED; i++) {
                    ps.setString(1, plate(i));
                    int k = rnd.nextInt(100);
                    if (k < 10) { ps.setString(2, "diesel"); ps.setString(3, "EURO_3"); ps.setInt(4, 2003); ps.setString(5, null); }
                    else if (k < 11) { ps.setString(2, "diesel"); ps.setString(3, "EURO_3"); ps.setInt(4, 2004); ps.setString(5, "police"); }
                    else if (k < 16) { ps.setString(2, "electric"); ps.setString(3, null); ps.setInt(4, 2021); ps.setString(5, null); }
                    else if (k < 60) { ps.setString(2, "petrol"); ps.setString(3, "EURO_5"); ps.setInt(4, 2012); ps.setString(5, null); }
                    else { ps.setString(2, "diesel"); ps.setString(3, "EURO_6"); ps.setInt(4, 2017); ps.setString(5, null); }
                    ps.addBatch();
                    if (i % 5000 == 4999) ps.executeBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    /** Zipf(1) over the registered plates by rank; 3 % of reads are plates the register does not know. */
    static final class PlatePicker {
        final double[] cumulative = new double[REGISTERED];
        final SplittableRandom rnd;

        PlatePicker(long seed) {
            double sum = 0;
            for (int i = 0; i < REGISTERED; i++) {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            for (int i = 0; i < REGISTERED; i++) cumulative[i] /= sum;
            rnd = new SplittableRandom(seed);
        }

        String next() {
            if (rnd.nextInt(100) < 3) return String.format("KR%05d", rnd.nextInt(UNKNOWN_POOL));
            int idx = Arrays.binarySearch(cumulative, rnd.nextDouble());
            return plate(idx < 0 ? -idx - 1 : idx);
        }
    }

    static byte[] readJson(long n, String camera, Instant at, String plate) {
        return EventCodec.encode(new AnprRead("r" + n, camera, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), plate, "PL", 0.97,
                List.of(), "img/r" + n + ".jpg", null));
    }

    static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "1");
        return p;
    }

    static long publish(String bootstrap, String topic, int n, List<String> cameras, Instant base, long seed) {
        Properties p = producerProps(bootstrap);
        p.put("linger.ms", "20");
        p.put("batch.size", "524288");
        PlatePicker picker = new PlatePicker(seed);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < n; i++) {
                String camera = cameras.get(rnd.nextInt(cameras.size()));
                Instant at = base.plusMillis(2L * i);
                producer.send(new ProducerRecord<>(topic, camera.getBytes(StandardCharsets.UTF_8), readJson(i, camera, at, picker.next())));
            }
            producer.flush();
        }
        return n;
    }

    static void publishPaced(String bootstrap, String topic, int seconds, List<String> cameras) throws InterruptedException {
        Properties p = producerProps(bootstrap);
        p.put("linger.ms", "0");
        PlatePicker picker = new PlatePicker(99);
        SplittableRandom rnd = new SplittableRandom(100);
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < 1000L * seconds; i++) {
                long due = t0 + i * 1_000_000L; // one read per millisecond
                long wait = due - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                String camera = cameras.get(rnd.nextInt(cameras.size()));
                producer.send(new ProducerRecord<>(topic, camera.getBytes(StandardCharsets.UTF_8),
                        readJson(10_000_000L + i, camera, Instant.now(), picker.next())));
            }
            producer.flush();
        }
    }

    /**
     * CPU seconds used so far by this JVM (broker, Flink, generator: everything but PostgreSQL) and by the private
     * PostgreSQL cluster under {@code tmp} (postmaster, its reaped children and its live backends; NaN when the
     * database is not a private cluster). On a shared machine CPU per read is steadier than reads per second.
     */
    static double[] cpuSeconds(Path tmp) {
        double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double pg = Double.NaN;
        try (var files = Files.walk(tmp, 4)) {
            Path pidFile = files.filter(f -> f.getFileName().toString().equals("postmaster.pid")).findFirst().orElse(null);
            if (pidFile != null) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                long ticks = procTicks(pid, true);
                try (var procs = Files.list(Path.of("/proc"))) {
                    for (Path d : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                        String[] f = procStat(d);
                        if (f != null && Long.parseLong(f[1]) == pid) ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
                pg = ticks / 100.0; // USER_HZ
            }
        } catch (Exception e) {
            pg = Double.NaN;
        }
        return new double[] {jvm, pg};
    }

    private static long procTicks(long pid, boolean withChildren) throws Exception {
        String[] f = procStat(Path.of("/proc", Long.toString(pid)));
        if (f == null) return 0;
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    /** Fields of /proc/PID/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime. */
    private static String[] procStat(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (Exception e) {
            return null;
        }
    }

    static String cpuLine(double[] before, double[] after, int reads) {
        double jvm = after[0] - before[0];
        double pg = after[1] - before[1];
        return String.format("CPU %.1f s in this JVM + %s s PostgreSQL = %.1f µs per read", jvm,
                Double.isNaN(pg) ? "n/a" : String.format("%.1f", pg), (jvm + (Double.isNaN(pg) ? 0 : pg)) * 1e6 / reads);
    }

    static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (Exception e) {
            return "?";
        }
    }

    static void say(String fmt, Object... args) {
        System.out.println("[ctz-bench] " + String.format(fmt, args));
    }
}
