package pl.kielce.traffic.flows;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.DetectorCount;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.PassageCount;
import pl.kielce.traffic.streams.RawRecord;

import java.time.Clock;

/**
 * Raw records of {@code traffic.detector-counts} (or {@code counts.passages}) → {@link Observation}s; a count that
 * spans several flow intervals is cut at their boundaries ({@link Observation#splitAt}); anything that fails
 * decoding, or counts a period longer than {@link #MAX_COUNT_SECONDS}, → dead letter with the reason. Never throws
 * on a record.
 */
public final class DecodeObservations extends ProcessFunction<RawRecord, Observation> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("flow-dead-letters") {
    };

    /** A count of a longer period (e.g. a day's total) is not a flow measurement: dead letter. */
    public static final int MAX_COUNT_SECONDS = 3600;

    private final String source;
    private final long intervalMs;
    private final long intervalSeconds;
    private final CameraApproaches cameras;
    private final Clock clock;

    /**
     * @param source {@link Observation#DETECTORS}: records are {@code DetectorCount}s; {@link Observation#CAMERA}:
     *               records are {@code PassageCount}s
     */
    public DecodeObservations(String source, FlowSettings settings, CameraApproaches cameras, Clock clock) {
        if (!Observation.DETECTORS.equals(source) && !Observation.CAMERA.equals(source)) {
            throw new IllegalArgumentException("source must be 'detectors' or 'camera', was " + source);
        }
        this.source = source;
        this.intervalSeconds = settings.intervalSeconds();
        this.intervalMs = settings.interval().toMillis();
        this.cameras = cameras;
        this.clock = clock;
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<Observation> out) {
        Decoded<Observation> d = decode(r);
        if (d.isOk()) {
            for (Observation piece : d.value().splitAt(intervalMs)) {
                out.collect(piece);
            }
        } else {
            ctx.output(DEAD_LETTERS, DeadLetter.of(r.value(), r.topic() == null ? "unknown" : r.topic(),
                    r.partition(), r.offset(), d.reason(), clock.instant()));
        }
    }

    /** The observation in {@code r}, or why there is none. */
    public Decoded<Observation> decode(RawRecord r) {
        if (Observation.CAMERA.equals(source)) {
            Decoded<PassageCount> p = EventCodec.decode(r.value(), PassageCount.class);
            return p.isOk() ? checkLength(fromPassages(p.value())) : Decoded.failed(p.reason());
        }
        Decoded<DetectorCount> c = EventCodec.decode(r.value(), DetectorCount.class);
        if (!c.isOk()) {
            return Decoded.failed(c.reason());
        }
        DetectorCount dc = c.value();
        return checkLength(new Observation(Observation.DETECTORS, dc.detectorId(), dc.intersectionId(), dc.approach(),
                dc.intervalStart().toEpochMilli(), dc.intervalSeconds(), dc.vehicles(), dc.occupancy()));
    }

    private Observation fromPassages(PassageCount p) {
        CameraApproaches.Site site = cameras.siteOf(p.cameraId());
        long seconds = (p.windowEnd().toEpochMilli() - p.windowStart().toEpochMilli()) / 1000;
        return new Observation(Observation.CAMERA, p.cameraId(), site.intersectionId(), site.approach(),
                p.windowStart().toEpochMilli(), (int) Math.min(Integer.MAX_VALUE, Math.max(seconds, 0)), p.passages(), Double.NaN);
    }

    private Decoded<Observation> checkLength(Observation o) {
        if (o.seconds() <= 0) {
            return Decoded.failed("counted period shorter than one second");
        }
        if (o.seconds() > Math.max(intervalSeconds, MAX_COUNT_SECONDS)) {
            return Decoded.failed("counted period of " + o.seconds() + " s is longer than "
                    + Math.max(intervalSeconds, MAX_COUNT_SECONDS) + " s: not a flow measurement");
        }
        return Decoded.ok(o);
    }
}
