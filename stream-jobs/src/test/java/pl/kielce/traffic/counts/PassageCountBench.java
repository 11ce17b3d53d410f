package pl.kielce.traffic.counts;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import pl.kielce.traffic.counts.replay.CameraSites;
import pl.kielce.traffic.counts.replay.ReadGenerator;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.PassageCount;
import pl.kielce.traffic.streams.Kafka;
import pl.kielce.traffic.streams.RawRecord;
import pl.kielce.traffic.testsupport.KafkaBroker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code ./traffic bench counts [reads]}: throughput of {@link PassageCountJob} (real in-process Kafka broker,
 * MiniCluster parallelism 2, bounded Kafka source) beside a baseline in the same JVM: one thread decoding the
 * same bytes with {@code EventCodec} and counting per camera and window in a HashMap (no Flink, no Kafka).
 * The store sink is a discarding sink here (a few hundred upserts would not show); counts are checked.
 */
public final class PassageCountBench {
    private PassageCountBench() {
    }

    public static void main(String[] args) throws Exception {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path root = Path.of(System.getProperty("repo.root", "."));
        List<String> cameras = CameraSites.loadOrFallback(root.resolve("cities/kielce/cameras.geojson"));
        Instant start = Instant.parse("2026-03-02T06:00:00Z");
        List<AnprRead> generated = new ReadGenerator(cameras, 42, 5_000).between(start, 2 * 3600, reads);
        List<byte[]> values = generated.stream().map(EventCodec::encode).toList();
        long bytes = values.stream().mapToLong(v -> v.length).sum();
        System.out.printf("reads: %,d (%,d bytes, %d cameras, 2 h of event time)%n", reads, bytes, cameras.size());

        double baselineRate = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Map<String, Long> counts = baseline(values);
            double s = (System.nanoTime() - t0) / 1e9;
            baselineRate = Math.max(baselineRate, reads / s);
            if (round == 2) {
                System.out.printf("baseline (1 thread, decode + HashMap count): %,.0f reads/s best of 3; %d windows%n",
                        baselineRate, counts.size());
            }
        }

        try (KafkaBroker broker = KafkaBroker.start()) {
            String topic = "bench.reads";
            broker.createTopics(2, topic, "bench.dlq", "bench.counts");
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
            p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
            p.put("linger.ms", "20");
            p.put("batch.size", "262144");
            long t0 = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                for (int i = 0; i < reads; i++) {
                    producer.send(new ProducerRecord<>(topic, generated.get(i).cameraId().getBytes(StandardCharsets.UTF_8), values.get(i)));
                }
            }
            System.out.printf("loaded into Kafka in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            KafkaSource<RawRecord> bounded = KafkaSource.<RawRecord>builder()
                    .setBootstrapServers(broker.bootstrapServers()).setTopics(topic)
                    .setGroupId("bench-" + UUID.randomUUID())
                    .setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest())
                    .setDeserializer(new Kafka.RawRecordDeserializer()).build();
            PassageCountJob job = new PassageCountJob(bounded,
                    Kafka.deadLetterSink(broker.bootstrapServers(), "bench.dlq"),
                    Kafka.jsonSink(broker.bootstrapServers(), "bench.counts", PassageCount::cameraId),
                    new DiscardingSink<>(), settings(), Clock.systemUTC());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            var countStream = job.addTo(env);
            var collected = System.getenv("BENCH_DEBUG") != null ? countStream.collectAsync() : null;
            long j0 = System.nanoTime();
            JobExecutionResult result = env.execute("passage-counts-bench");
            if (collected != null) {
                long sum = 0;
                int n = 0;
                while (collected.hasNext()) {
                    sum += collected.next().passages();
                    n++;
                }
                System.out.println("collected in job: " + n + " windows, " + sum + " passages");
            }
            double wall = (System.nanoTime() - j0) / 1e9;
            double net = result.getNetRuntime() / 1000.0;

            long total = 0;
            int windows = 0;
            java.util.TreeMap<Instant, Long> perWindow = new java.util.TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : consumeAll(broker, "bench.counts")) {
                PassageCount c = EventCodec.decode(r.value(), PassageCount.class).value();
                total += c.passages();
                windows++;
                perWindow.merge(c.windowStart(), c.passages(), Long::sum);
            }
            if (System.getenv("BENCH_DEBUG") != null) {
                System.out.println(perWindow);
                System.out.println("dlq: " + consumeAll(broker, "bench.dlq").size());
            }
            System.out.printf("PassageCountJob (MiniCluster p=2, Kafka in and out): %,.0f reads/s on job runtime %.1f s"
                    + " (%,.0f reads/s incl. MiniCluster start, %.1f s); %d windows, %,d passages counted%n",
                    reads / net, net, reads / wall, wall, windows, total);
            if (total != reads) {
                throw new IllegalStateException("counted " + total + " passages for " + reads + " reads");
            }
        }
    }

    static PassageCountSettings settings() {
        String lateness = System.getenv("BENCH_LATENESS_MIN");
        return lateness == null ? PassageCountSettings.DEFAULTS : new PassageCountSettings(Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(Long.parseLong(lateness)));
    }

    static Map<String, Long> baseline(List<byte[]> values) {
        Map<String, Long> counts = new HashMap<>();
        for (byte[] v : values) {
            var read = EventCodec.decode(v, AnprRead.class);
            if (read.isOk()) {
                long ms = read.value().capturedAt().toInstant().toEpochMilli();
                counts.merge(read.value().cameraId() + "@" + (ms - ms % 300_000), 1L, Long::sum);
            }
        }
        return counts;
    }

    static List<ConsumerRecord<byte[], byte[]>> consumeAll(KafkaBroker broker, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("auto.offset.reset", "earliest");
        p.put("group.id", "bench-read-" + UUID.randomUUID());
        List<ConsumerRecord<byte[], byte[]>> out = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(p)) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    batch.forEach(out::add);
                    quietSince = System.nanoTime();
                }
            }
        }
        return out;
    }
}
