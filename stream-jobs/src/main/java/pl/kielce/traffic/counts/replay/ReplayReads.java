package pl.kielce.traffic.counts.replay;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.KafkaPublisher;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@link AnprRead}s to Kafka: the lines of a JSONL file as they are (bad lines included — they
 * show the dead-letter path), or generated reads for the city's cameras: a history over the last minutes
 * and, with {@code --live}, a steady stream at the current time.
 */
@Command(name = "replay-reads", mixinStandardHelpOptions = true,
        description = "Publish ANPR reads to Kafka from a JSONL file or generated for the city's cameras.")
public final class ReplayReads implements Callable<Integer> {
    @Option(names = "--bootstrap", defaultValue = "${env:TRAFFIC_KAFKA_BOOTSTRAP:-127.0.0.1:59092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--topic", defaultValue = Topics.ANPR_READS, description = "topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--file", description = "JSONL file: one AnprRead JSON per line, published as is (key = cameraId when readable)")
    Path file;

    @Option(names = "--cameras", defaultValue = "cities/kielce/cameras.geojson",
            description = "GeoJSON camera sites for generated reads (default: ${DEFAULT-VALUE}; a built-in list if missing)")
    Path cameras;

    @Option(names = "--history-reads", defaultValue = "3000", description = "generated reads spread over the history (default: ${DEFAULT-VALUE})")
    int historyReads;

    @Option(names = "--history-minutes", defaultValue = "30", description = "history length before now (default: ${DEFAULT-VALUE})")
    int historyMinutes;

    @Option(names = "--malformed", defaultValue = "2", description = "malformed reads to include (dead-letter demo; default: ${DEFAULT-VALUE})")
    int malformed;

    @Option(names = "--live", description = "after the history, keep publishing reads stamped now until stopped")
    boolean live;

    @Option(names = "--live-rate", defaultValue = "5", description = "reads per second with --live (default: ${DEFAULT-VALUE})")
    double liveRatePerSecond;

    @Option(names = "--fleet", defaultValue = "800", description = "distinct vehicles (default: ${DEFAULT-VALUE})")
    int fleet;

    @Option(names = "--seed", defaultValue = "20260314", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    private final Clock clock;

    public ReplayReads() {
        this(Clock.systemUTC());
    }

    ReplayReads(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayReads()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = KafkaPublisher.producer(bootstrap)) {
            if (file != null) {
                int n = publishFile(producer);
                producer.flush();
                System.out.println("[replay] published " + n + " lines of " + file + " to " + topic);
                return 0;
            }
            List<String> cameraIds = CameraSites.loadOrFallback(cameras);
            ReadGenerator generator = new ReadGenerator(cameraIds, seed, fleet);
            Instant now = clock.instant();
            List<AnprRead> history = generator.between(now.minus(Duration.ofMinutes(historyMinutes)),
                    historyMinutes * 60L, historyReads);
            int every = Math.max(1, history.size() / (malformed + 1));
            int bad = 0;
            for (int i = 0; i < history.size(); i++) {
                send(producer, history.get(i));
                if (bad < malformed && (i + 1) % every == 0) {
                    producer.send(new ProducerRecord<>(topic, null, malformedRead(bad++)));
                }
            }
            producer.flush();
            System.out.printf("[replay] published %d generated reads (+%d malformed) for %d cameras over the last %d min to %s%n",
                    history.size(), bad, cameraIds.size(), historyMinutes, topic);
            if (live) {
                long pauseNanos = (long) (1e9 / liveRatePerSecond);
                long sent = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    send(producer, generator.next(clock.instant()));
                    if (++sent % 500 == 0) {
                        System.out.println("[replay] live: " + sent + " reads");
                    }
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                }
            }
            return 0;
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, AnprRead read) {
        producer.send(new ProducerRecord<>(topic, read.cameraId().getBytes(StandardCharsets.UTF_8), EventCodec.encode(read)));
    }

    static byte[] malformedRead(int i) {
        return (i % 2 == 0
                ? "{\"schemaVersion\":\"1.0\",\"readId\":\"broken-" + i + "\",\"cameraId\":"
                : "{\"schemaVersion\":\"1.0\",\"readId\":\"bad-" + i + "\",\"cameraId\":\"KCE-CAM-01\",\"capturedAt\":\"2026-01-01T00:00:00+01:00\",\"plate\":\"TK1\",\"country\":\"PL\",\"confidence\":1.7}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private int publishFile(KafkaProducer<byte[], byte[]> producer) throws Exception {
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] value = line.getBytes(StandardCharsets.UTF_8);
                byte[] key = EventCodec.decode(value, AnprRead.class).toOptional()
                        .map(r -> r.cameraId().getBytes(StandardCharsets.UTF_8)).orElse(null);
                producer.send(new ProducerRecord<>(topic, key, value));
                n++;
            }
        }
        return n;
    }
}
