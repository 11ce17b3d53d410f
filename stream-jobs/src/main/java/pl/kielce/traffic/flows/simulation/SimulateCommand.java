package pl.kielce.traffic.flows.simulation;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.DetectorCount;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.KafkaPublisher;
import pl.kielce.traffic.flows.CityModel;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.streams.LocalStack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./traffic flows simulate}: publishes simulated detector counts ({@link DetectorCountSimulator}) of every
 * detector in the city's intersection model to {@code traffic.detector-counts}, one count per detector per period,
 * in real time (each period is sent when it has ended), optionally after back-filling the last minutes at once.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publish simulated detector counts (time-of-day profile, Poisson noise, one overloaded approach,"
                + " optionally a detector that falls silent) for the detectors in intersections.xml")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--city-dir", description = "city folder with intersections.xml (default: TRAFFIC_CITY_DIR, else cities/kielce)")
    Path cityDir;

    @Mixin
    KafkaPublisher kafka;

    @Option(names = "--topic", defaultValue = Topics.TRAFFIC_DETECTOR_COUNTS, description = "default ${DEFAULT-VALUE}")
    String topic;

    @Option(names = "--period-seconds", defaultValue = "15", description = "each detector reports the count of this many seconds (default ${DEFAULT-VALUE})")
    int periodSeconds;

    @Option(names = "--backfill-minutes", defaultValue = "0", description = "first send the counts of the last M minutes at once (default ${DEFAULT-VALUE})")
    int backfillMinutes;

    @Option(names = "--minutes", defaultValue = "0", description = "stop after this many minutes of counts after the back-fill, 0 = never")
    int minutes;

    @Option(names = "--fast", description = "do not wait for the clock: send every period at once (counts then lie in the future)")
    boolean fast;

    @Option(names = "--time-of-day", description = "demand level of this local time HH:MM whatever the clock (e.g. 16:30, the evening peak)")
    LocalTime timeOfDay;

    @Option(names = "--peak-degree", defaultValue = "0.65", description = "typical degree of saturation at the peak (default ${DEFAULT-VALUE})")
    double peakDegree;

    @Option(names = "--overload-intersection", description = "intersection of the overloaded approach (default: the model's first)")
    String overloadIntersection;

    @Option(names = "--overload-approach", description = "approach text as in the model (default: that of the intersection's first movement)")
    String overloadApproach;

    @Option(names = "--overload-degree", defaultValue = "1.2", description = "degree of saturation of the overloaded approach at the peak (default ${DEFAULT-VALUE})")
    double overloadDegree;

    @Option(names = "--no-overload", description = "no overloaded approach")
    boolean noOverload;

    @Option(names = "--silent-detector", description = "detector id that falls silent ('last' = the model's last detector)")
    String silentDetector;

    @Option(names = "--silent-after-minutes", defaultValue = "3", description = "minutes after the start (after the back-fill) when it falls silent (default ${DEFAULT-VALUE})")
    double silentAfterMinutes;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--dry-run", description = "print the counts as JSON lines instead of publishing them")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (periodSeconds <= 0 || backfillMinutes < 0 || minutes < 0) {
            throw new IllegalArgumentException("--period-seconds must be > 0, --backfill-minutes and --minutes ≥ 0");
        }
        Path dir = cityDir != null ? cityDir : Path.of(LocalStack.fromEnvironment().cityDir());
        List<Intersection> model = CityModel.load(dir);
        long periodMs = periodSeconds * 1000L;
        long now = System.currentTimeMillis();
        long liveFrom = now - now % periodMs; // the period holding "now" is the first live one
        DetectorCountSimulator.Settings settings = new DetectorCountSimulator.Settings(seed, peakDegree, null, null, overloadDegree, null, null,
                timeOfDay, DetectorCountSimulator.Settings.WARSAW);
        if (!noOverload) {
            Intersection ix = overloadIntersection == null ? model.get(0) : model.stream()
                    .filter(x -> x.id().equals(overloadIntersection)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--overload-intersection " + overloadIntersection
                            + " is not in " + dir.resolve(CityModel.FILE_NAME)));
            settings = settings.withOverload(ix.id(), overloadApproach != null ? overloadApproach
                    : ix.movements().get(0).approach(), overloadDegree);
        }
        if (silentDetector != null) {
            String id = "last".equals(silentDetector) ? lastDetector(model) : silentDetector;
            settings = settings.withSilentDetector(id, Instant.ofEpochMilli(liveFrom + (long) (silentAfterMinutes * 60_000)));
        }
        DetectorCountSimulator sim = new DetectorCountSimulator(model, settings);
        log(String.format(Locale.ROOT, "%d detectors of %d intersections from %s; a count per detector every %d s;"
                        + " demand %s; overloaded: %s; silent: %s", sim.sites().size(), model.size(),
                dir.resolve(CityModel.FILE_NAME), periodSeconds,
                timeOfDay == null ? "of the local time of day" : "of " + timeOfDay + " local",
                settings.overloadIntersection() == null ? "none" : settings.overloadIntersection() + " / "
                        + settings.overloadApproach() + " (x " + overloadDegree + " at the peak)",
                settings.silentDetector() == null ? "none" : settings.silentDetector() + " from "
                        + settings.silentFrom()));

        // back-fill from a whole minute, so the first flow interval is not a partial one
        long from = backfillMinutes == 0 ? liveFrom : Math.floorDiv(liveFrom - backfillMinutes * 60_000L, 60_000L) * 60_000L;
        long until = minutes == 0 ? Long.MAX_VALUE : liveFrom + minutes * 60_000L;
        try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : kafka.producer()) {
            long sent = 0;
            long lastLog = System.nanoTime();
            for (long start = from; start < until; start += periodMs) {
                long end = start + periodMs;
                if (!fast) {
                    long wait = end - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                }
                for (DetectorCount c : sim.countsFor(Instant.ofEpochMilli(start), periodSeconds)) {
                    byte[] json = EventCodec.encode(c);
                    if (producer == null) {
                        System.out.println(new String(json, StandardCharsets.UTF_8));
                    } else {
                        producer.send(new ProducerRecord<>(topic, c.detectorId().getBytes(StandardCharsets.UTF_8), json));
                    }
                    sent++;
                }
                if (producer != null && System.nanoTime() - lastLog > Duration.ofMinutes(1).toNanos()) {
                    producer.flush();
                    log("sent " + sent + " counts up to " + Instant.ofEpochMilli(end));
                    lastLog = System.nanoTime();
                }
            }
            if (producer != null) {
                producer.flush();
            }
            log("done: " + sent + " counts");
        }
        return 0;
    }

    private static String lastDetector(List<Intersection> model) {
        for (int i = model.size() - 1; i >= 0; i--) {
            var ds = model.get(i).detectors();
            if (!ds.isEmpty()) {
                return ds.get(ds.size() - 1).id();
            }
        }
        throw new IllegalArgumentException("the model has no detectors");
    }

    private static void log(String s) {
        System.err.println("[flows-sim] " + s);
    }
}
