package pl.kielce.traffic.flows;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import pl.kielce.traffic.events.DetectorCount;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.store.Migrations;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.streams.RawRecord;
import pl.kielce.traffic.testsupport.KafkaBroker;
import pl.kielce.traffic.testsupport.PostgisDatabase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./traffic bench flows}: the flow job beside a pass-through job on the same topic, in one run, on this machine
 * (in-process Kafka broker, Flink MiniCluster at parallelism 2, PostGIS; everything shares the cores).
 * <p>
 * Load: {@code intersections} × {@code detectors} detectors (default 200 × 8 = 1,600; 4 approaches of 2 detectors
 * each), every detector one {@link DetectorCount} per second of event time (1 s counts, 0–2 vehicles).
 * <ol>
 *   <li><b>Maximum sustained rate</b>: {@code seconds} of event time (default 600 s = 960,000 counts) published as a
 *   backlog; both jobs read it bounded from the beginning to the end; counts/s = counts / job wall time (job start
 *   included); the three jobs run alternately for {@code rounds} rounds (default 3), the best of each is reported.
 *   Pass-through: source → sink of the same bytes to another topic; read-only: source → discarding sink
 *   (reading alone). Flow job: the production pipeline
 *   (decode, silence, watermarks, 5-min windows per approach, congestion, Kafka flows/alerts, PostGIS upsert) with
 *   default settings. The flows written are checked: approaches × intervals.</li>
 *   <li><b>Keeping up at the target rate</b>: the flow job (1-min intervals, so windows close during the run) on an
 *   unbounded topic fed at {@code rate} counts/s (default 1,600) in real time for {@code live-seconds}; every 5 s the
 *   consumer lag (log end − the job's committed offsets; committed on each 2-s checkpoint) and, per flow, the time
 *   from its interval's end to the flow being readable (includes the 30-s out-of-orderness the job waits by design).</li>
 * </ol>
 * Last line: {@code throughput_ratio=R job_counts_per_s=N passthrough_counts_per_s=M readonly_counts_per_s=K live_rate=F
 * max_lag=L final_lag=G flow_delay_p50_s=A flow_delay_max_s=B}.
 */
public final class FlowJobBench {
    static final String COUNTS = "bench.detector-counts";
    static final String PASSAGES = "bench.passages";
    static final String PASS = "bench.passthrough";
    static final String FLOWS = "bench.flows";
    static final String ALERTS = "bench.alerts";
    static final String DLQ = "bench.dlq";
    static final String LIVE = "bench.live-counts";
    static final String LIVE_FLOWS = "bench.live-flows";

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int intersections = Integer.parseInt(o.getOrDefault("intersections", "200"));
        int perIntersection = Integer.parseInt(o.getOrDefault("detectors", "8"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "600"));
        int rate = Integer.parseInt(o.getOrDefault("rate", String.valueOf(intersections * perIntersection)));
        int liveSeconds = Integer.parseInt(o.getOrDefault("live-seconds", "150"));
        int detectors = intersections * perIntersection;
        say("%d intersections × %d detectors = %,d detectors, 1 count/s each; backlog %d s = %,d counts; live %,d counts/s for %d s",
                intersections, perIntersection, detectors, seconds, (long) detectors * seconds, rate, liveSeconds);

        Path tmp = Files.createTempDirectory("flows-bench");
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String pgAdmin = System.getenv("TRAFFIC_TEST_PG_URL");
        try (KafkaBroker kafka = KafkaBroker.start();
             PostgisDatabase db = pgAdmin != null ? PostgisDatabase.inCluster(pgAdmin) : PostgisDatabase.inPrivateCluster(tmp)) {
            String jdbc = db.jdbcUrl();
            Migrations.migrate(jdbc);
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(2, COUNTS, PASSAGES, PASS, FLOWS, ALERTS, DLQ, LIVE, LIVE_FLOWS);

            // 1) backlog, both jobs bounded
            long base = (System.currentTimeMillis() - Duration.ofHours(3).toMillis()) / 300_000 * 300_000;
            long published = publishBacklog(bootstrap, intersections, perIntersection, seconds, base);
            say("published %,d counts (event time %s + %d s)", published, Instant.ofEpochMilli(base), seconds);

            // the three jobs alternate, round after round, so a load change on this shared machine hits all of them
            int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
            FlowSettings settings = FlowSettings.DEFAULTS;
            long intervals = (seconds + 299) / 300;
            long expectedFlows = intersections * 4L * intervals;
            double passRate = 0;
            double readRate = 0;
            double jobRate = 0;
            for (int r = 1; r <= rounds; r++) {
                double pass = published / runBounded("pass-through", env -> env
                        .fromSource(bounded(bootstrap, COUNTS, "bench-pass"), WatermarkStrategy.noWatermarks(), "counts")
                        .sinkTo(bytesSink(bootstrap, PASS)).name("pass-through-out"));
                // read-only baseline: the same source into a discarding sink (the cost of reading alone)
                double read = published / runBounded("read-only", env -> env
                        .fromSource(bounded(bootstrap, COUNTS, "bench-read"), WatermarkStrategy.noWatermarks(), "counts")
                        .sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>()).name("discard"));
                long flowsBefore;
                try (Admin admin = kafka.admin()) {
                    flowsBefore = count(admin, FLOWS);
                }
                double job = published / runBounded("traffic-flows", env -> new FlowJob(
                        bounded(bootstrap, COUNTS, "bench-flows"), bounded(bootstrap, PASSAGES, "bench-flows"),
                        Kafka.deadLetterSink(bootstrap, DLQ),
                        KafkaText.sink(bootstrap, FLOWS, ApproachFlow::intersectionId, ApproachFlow::toJson),
                        new FlowStore(jdbc), KafkaText.sink(bootstrap, ALERTS, FlowAlert::key, FlowAlert::toJson),
                        settings, ApproachCapacities.defaults(settings), CameraApproaches.NONE, Clock.systemUTC()).addTo(env));
                long flows;
                try (Admin admin = kafka.admin()) {
                    flows = count(admin, FLOWS) - flowsBefore;
                }
                say("round %d (load %s): pass-through %,.0f counts/s, read-only %,.0f counts/s, flow job %,.0f counts/s"
                                + " → ratio %.2f to pass-through, %.2f to read-only; flows written %,d (expected %,d)",
                        r, loadAverage(), pass, read, job, job / pass, job / read, flows, expectedFlows);
                if (flows != expectedFlows) {
                    say("WARNING: flow count differs from the expectation");
                }
                passRate = Math.max(passRate, pass);
                readRate = Math.max(readRate, read);
                jobRate = Math.max(jobRate, job);
            }
            double ratio = jobRate / passRate;
            say("best of %d rounds: pass-through %,.0f, read-only %,.0f, flow job %,.0f counts/s; ratio %.2f to pass-through,"
                    + " %.2f to read-only", rounds, passRate, readRate, jobRate, ratio, jobRate / readRate);
            try (Connection c = DriverManager.getConnection(jdbc); ResultSet rs = c.createStatement()
                    .executeQuery("SELECT count(*), sum(vehicles) FROM traffic_flows")) {
                rs.next();
                say("PostGIS traffic_flows: %,d rows (expected %,d: re-runs upsert the same intervals), vehicles %,d",
                        rs.getLong(1), expectedFlows, rs.getLong(2));
            }

            // 2) live at the target rate
            double[] live = live(kafka, bootstrap, jdbc, intersections, perIntersection, rate, liveSeconds);
            System.out.printf(Locale.ROOT, "throughput_ratio=%.2f job_counts_per_s=%.0f passthrough_counts_per_s=%.0f"
                            + " readonly_counts_per_s=%.0f live_rate=%.0f max_lag=%.0f final_lag=%.0f flow_delay_p50_s=%.1f"
                            + " flow_delay_max_s=%.1f%n",
                    ratio, jobRate, passRate, readRate, live[0], live[1], live[2], live[3], live[4]);
        }
        System.exit(0);
    }

    interface Pipeline {
        void build(StreamExecutionEnvironment env) throws Exception;
    }

    static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(2_000);
        return env;
    }

    static double runBounded(String name, Pipeline p) throws Exception {
        StreamExecutionEnvironment env = env();
        p.build(env);
        long t0 = System.nanoTime();
        env.execute(name);
        return (System.nanoTime() - t0) / 1e9;
    }

    static KafkaSource<RawRecord> bounded(String bootstrap, String topic, String group) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrap).setTopics(topic).setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest())
                .setDeserializer(new Kafka.RawRecordDeserializer())
                .build();
    }

    static KafkaSink<RawRecord> bytesSink(String bootstrap, String topic) {
        return KafkaSink.<RawRecord>builder().setBootstrapServers(bootstrap)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "20")
                .setRecordSerializer((KafkaRecordSerializationSchema<RawRecord>) (r, ctx, ts) ->
                        new ProducerRecord<>(topic, null, null, r.key(), r.value()))
                .build();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static String detector(int ix, int d) {
        return String.format("BX-%03d-D%d", ix, d + 1);
    }

    static final String[] APPROACHES = {"N", "E", "S", "W"};

    static byte[] count(int ix, int d, long startMs, SplittableRandom rnd) {
        return EventCodec.encode(new DetectorCount(detector(ix, d), String.format("BX-%03d", ix), APPROACHES[d % 4],
                Instant.ofEpochMilli(startMs), 1, rnd.nextInt(3), rnd.nextInt(40) / 100.0));
    }

    static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "1");
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        return p;
    }

    static long publishBacklog(String bootstrap, int intersections, int perIntersection, int seconds, long base) {
        SplittableRandom rnd = new SplittableRandom(1);
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(bootstrap))) {
            for (int s = 0; s < seconds; s++) {
                for (int ix = 0; ix < intersections; ix++) {
                    for (int d = 0; d < perIntersection; d++) {
                        producer.send(new ProducerRecord<>(COUNTS, detector(ix, d).getBytes(StandardCharsets.UTF_8),
                                count(ix, d, base + s * 1000L, rnd)));
                        n++;
                    }
                }
            }
            producer.flush();
        }
        return n;
    }

    /** Live run; returns {achieved feed rate, max lag, final lag, flow delay p50 s, flow delay max s}. */
    static double[] live(KafkaBroker kafka, String bootstrap, String jdbc, int intersections, int perIntersection, int rate,
                         int seconds) throws Exception {
        FlowSettings settings = FlowSettings.DEFAULTS.withInterval(Duration.ofMinutes(1));
        StreamExecutionEnvironment env = env();
        String group = "bench-live-flows";
        new FlowJob(Kafka.rawSource(bootstrap, LIVE, group), Kafka.rawSource(bootstrap, PASSAGES, group),
                Kafka.deadLetterSink(bootstrap, DLQ),
                KafkaText.sink(bootstrap, LIVE_FLOWS, ApproachFlow::intersectionId, ApproachFlow::toJson),
                new FlowStore(jdbc), KafkaText.sink(bootstrap, ALERTS, FlowAlert::key, FlowAlert::toJson),
                settings, ApproachCapacities.defaults(settings), CameraApproaches.NONE, Clock.systemUTC()).addTo(env);
        JobClient job = env.executeAsync("traffic-flows-live");
        Thread.sleep(3_000);
        AtomicBoolean feeding = new AtomicBoolean(true);
        List<Double> delays = new ArrayList<>();
        Thread consumer = new Thread(() -> consumeFlows(bootstrap, feeding, delays), "bench-flows-consumer");
        consumer.start();
        long[] fed = new long[1];
        Thread feeder = new Thread(() -> fed[0] = feed(bootstrap, intersections, perIntersection, rate, seconds), "bench-feeder");
        long t0 = System.nanoTime();
        feeder.start();
        double maxLag = 0;
        double lag = 0;
        try (Admin admin = kafka.admin()) {
            while (feeder.isAlive()) {
                feeder.join(5_000);
                lag = lag(admin, group);
                maxLag = Math.max(maxLag, lag);
                say("t=%3.0f s  fed %,d  lag %,.0f counts  flows seen %d", (System.nanoTime() - t0) / 1e9, fedSoFar, lag, delays.size());
            }
            double feedSeconds = (System.nanoTime() - t0) / 1e9;
            // after the feed stops, the lag must drain: wait up to 30 s
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until && (lag = lag(admin, group)) > 0) {
                Thread.sleep(1_000);
            }
            say("fed %,d counts in %.1f s = %,.0f counts/s; max lag %,.0f counts (%.1f s of input), lag after the feed stopped: %,.0f",
                    fed[0], feedSeconds, fed[0] / feedSeconds, maxLag, maxLag / rate, lag);
            feeding.set(false);
            consumer.join();
            job.cancel().get(30, TimeUnit.SECONDS);
            double[] v = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double p50 = v.length == 0 ? Double.NaN : v[(v.length - 1) / 2];
            double max = v.length == 0 ? Double.NaN : v[v.length - 1];
            say("flows: %d, interval end → flow readable: p50 %.1f s, max %.1f s (out-of-orderness %d s included)",
                    v.length, p50, max, settings.outOfOrderness().toSeconds());
            return new double[]{fed[0] / feedSeconds, maxLag, lag, p50, max};
        }
    }

    static volatile long fedSoFar;

    /** {@code rate} counts per second in real time: each 100 ms a tenth of the detectors report the second just ended. */
    static long feed(String bootstrap, int intersections, int perIntersection, int rate, int seconds) {
        int detectors = intersections * perIntersection;
        SplittableRandom rnd = new SplittableRandom(2);
        long n = 0;
        Properties p = producerProps(bootstrap);
        p.put("linger.ms", "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            long t0 = System.currentTimeMillis() / 1000 * 1000 + 1000;
            for (long tick = 0; tick < seconds * 10L; tick++) {
                long due = t0 + tick * 100;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                long second = due / 1000 * 1000 - 1000; // the count of the second just ended
                int perTick = rate / 10;
                for (int k = 0; k < perTick; k++) {
                    int i = (int) ((tick % 10) * perTick + k) % detectors;
                    producer.send(new ProducerRecord<>(LIVE, detector(i / perIntersection, i % perIntersection)
                            .getBytes(StandardCharsets.UTF_8), count(i / perIntersection, i % perIntersection, second, rnd)));
                    n++;
                }
                fedSoFar = n;
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return n;
    }

    static double lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            latest.put(new TopicPartition(LIVE, p), OffsetSpec.latest());
        }
        long lag = 0;
        for (var e : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    static void consumeFlows(String bootstrap, AtomicBoolean running, List<Double> delays) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-flows-reader");
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(LIVE_FLOWS));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    String json = new String(r.value(), StandardCharsets.UTF_8);
                    int i = json.indexOf("\"intervalEnd\":\"");
                    if (i >= 0) {
                        Instant end = Instant.parse(json.substring(i + 15, json.indexOf('"', i + 15)));
                        synchronized (delays) {
                            delays.add((System.currentTimeMillis() - end.toEpochMilli()) / 1000.0);
                        }
                    }
                }
            }
        }
    }

    static long count(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long n = 0;
        for (var e : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values()) {
            n += e.offset();
        }
        return n;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: flows bench [--intersections 200] [--detectors 8] [--seconds 600]"
                        + " [--rate 1600] [--live-seconds 150] [--rounds 3]; got " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    static void say(String fmt, Object... args) {
        System.out.println("[flows-bench] " + String.format(Locale.ROOT, fmt, args));
    }
}
