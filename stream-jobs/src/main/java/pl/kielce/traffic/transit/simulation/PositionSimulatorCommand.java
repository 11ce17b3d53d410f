package pl.kielce.traffic.transit.simulation;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.KafkaPublisher;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsReader;
import pl.kielce.traffic.transit.schedule.GtfsTime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./traffic transit simulate}: publishes GTFS-Realtime VehiclePositions of a simulated fleet that
 * follows a GTFS timetable with random delays, at real or accelerated time.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publish simulated GTFS-RT vehicle positions (timetable + random delays) to Kafka")
public final class PositionSimulatorCommand implements Callable<Integer> {
    @Option(names = "--gtfs", required = true, description = "GTFS zip or folder")
    Path gtfs;

    @Mixin
    KafkaPublisher kafka;

    @Option(names = "--topic", defaultValue = Topics.TRANSIT_VEHICLE_POSITIONS, description = "default ${DEFAULT-VALUE}")
    String topic;

    @Option(names = "--date", description = "service date YYYY-MM-DD (default: the busiest of the feed's first 14 days)")
    LocalDate date;

    @Option(names = "--start", defaultValue = "07:30:00", description = "simulated start time HH:MM:SS (default ${DEFAULT-VALUE})")
    String start;

    @Option(names = "--minutes", defaultValue = "60", description = "simulated minutes (default ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--speed", defaultValue = "10",
            description = "simulated seconds per wall second; 0 = as fast as possible (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--interval", defaultValue = "20", description = "seconds between a vehicle's reports (default ${DEFAULT-VALUE})")
    int intervalSeconds;

    @Option(names = "--routes", split = ",", description = "route ids or short names (default: all)")
    List<String> routes;

    @Option(names = "--max-vehicles", defaultValue = "0", description = "at most this many trips, 0 = all")
    int maxVehicles;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--incident-probability", defaultValue = "0.05", description = "share of trips with an incident (default ${DEFAULT-VALUE})")
    double incidentProbability;

    @Option(names = "--without-trip-ids", description = "report only route id + position (the job matches the trip)")
    boolean withoutTripIds;

    @Option(names = "--dry-run", description = "do not publish; print a summary only")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        GtfsFeed feed = GtfsReader.read(gtfs);
        LocalDate serviceDate = date != null ? date : FleetSimulator.busiestDate(feed, 14);
        int from = GtfsTime.parseSeconds(start);
        int to = from + minutes * 60;
        FleetSimulator fleet = new FleetSimulator(feed, serviceDate, from, to,
                routes == null ? Set.of() : new HashSet<>(routes), maxVehicles,
                DelayModel.URBAN.withIncidentProbability(incidentProbability), seed, !withoutTripIds);
        long incidents = fleet.trips().stream().filter(t -> t.incidentSegment() >= 0).count();
        System.err.printf("[transit] %s: %d trips on %s between %s and %s (%d with an incident); GTFS read in %.1f s%n",
                gtfs.getFileName(), fleet.trips().size(), serviceDate, GtfsTime.format(from), GtfsTime.format(to),
                incidents, (System.nanoTime() - t0) / 1e9);
        long messages = 0;
        long positions = 0;
        long wallStart = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : kafka.producer()) {
            for (int s = from; s <= to; s += intervalSeconds) {
                if (speed > 0) {
                    long dueNanos = wallStart + (long) ((s - from) / speed * 1e9);
                    long sleepNanos = dueNanos - System.nanoTime();
                    if (sleepNanos > 0) {
                        Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
                    }
                }
                for (FeedMessage m : fleet.feedsAt(s, 50)) {
                    positions += m.getEntityCount();
                    messages++;
                    if (producer != null) {
                        producer.send(new ProducerRecord<>(topic, ("sim-" + s).getBytes(StandardCharsets.UTF_8),
                                m.toByteArray()));
                    }
                }
                if ((s - from) % 600 == 0) {
                    System.err.printf("[transit] simulated %s: %d positions so far%n", GtfsTime.format(s), positions);
                }
            }
            if (producer != null) {
                producer.flush();
            }
        }
        System.err.printf("[transit] %s %d positions in %d messages to %s in %.1f s%n", dryRun ? "simulated" : "published",
                positions, messages, dryRun ? "(dry run)" : topic, (System.nanoTime() - wallStart) / 1e9);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PositionSimulatorCommand()).execute(args));
    }
}
