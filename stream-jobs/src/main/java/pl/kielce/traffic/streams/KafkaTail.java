package pl.kielce.traffic.streams;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;

/**
 * "Follow topics and print a line per record", shared by the {@code ./traffic … tail} commands: a picocli mixin with
 * the options {@code --bootstrap-servers}, {@code --from-beginning}, {@code --max} and {@code --seconds}, and
 * {@link #follow} that reads with a fresh consumer group (so it never moves a job's offsets) and prints what a
 * describing function makes of each record.
 */
public final class KafkaTail {
    @Option(names = "--bootstrap-servers", defaultValue = KafkaPublisher.LOCAL_BOOTSTRAP_SERVERS, description = "Kafka (default ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--from-beginning", description = "start at the beginning of the topic(s)")
    boolean fromBeginning;

    @Option(names = "--max", defaultValue = "0", description = "stop after this many lines, 0 = never")
    int max;

    @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds, 0 = never")
    int seconds;

    /** Options set in code (tests, tools). */
    public static KafkaTail of(String bootstrapServers, boolean fromBeginning, int max, int seconds) {
        KafkaTail t = new KafkaTail();
        t.bootstrapServers = bootstrapServers;
        t.fromBeginning = fromBeginning;
        t.max = max;
        t.seconds = seconds;
        return t;
    }

    /** Follows {@code topics} on standard output; see {@link #follow(String, List, Function, PrintStream)}. */
    public int follow(String groupPrefix, List<String> topics, Function<ConsumerRecord<byte[], byte[]>, String> describe) {
        return follow(groupPrefix, topics, describe, System.out);
    }

    /**
     * Prints {@code describe(record)} for every record of {@code topics} (a null line is skipped and not counted)
     * until {@code --max} lines are printed or {@code --seconds} have passed (either 0 = never).
     *
     * @param groupPrefix the consumer group is this plus a random id
     * @return the number of lines printed
     */
    public int follow(String groupPrefix, List<String> topics, Function<ConsumerRecord<byte[], byte[]>, String> describe,
                      PrintStream out) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long deadline = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        int lines = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(topics);
            while (System.nanoTime() < deadline && (max == 0 || lines < max)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    String line = describe.apply(r);
                    if (line != null) {
                        out.println(line);
                        out.flush();
                        if (++lines == max) {
                            break;
                        }
                    }
                }
            }
        }
        return lines;
    }
}
