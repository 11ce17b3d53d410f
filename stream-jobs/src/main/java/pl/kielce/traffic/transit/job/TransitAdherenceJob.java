package pl.kielce.traffic.transit.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.streams.LocalStack;
import pl.kielce.traffic.streams.RawRecord;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.adherence.StopPassage;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Transit adherence: GTFS-Realtime VehiclePositions → matched to the GTFS schedule → GTFS-Realtime
 * TripUpdates with predicted downstream delays, plus large-delay and bunching alerts.
 * <pre>
 *  positions ─ decode ─┬─ keyBy(vehicle) ─ match-trip-and-predict ─┬─ trip updates
 *                      │                                           ├─ (side) stop passages ─ keyBy(route/dir) ─ bunching ─┐
 *                      │                                           ├─ (side) large-delay alerts ───────────────────────────┴─ alerts
 *                      │                                           ├─ (side, with TSP) near a junction ─ keyBy(vehicle) ─ decide-priority
 *                      │                                           │      ─ keyBy(intersection) ─ cooldown ─ signals.controller-requests
 *                      └─ (side) bad protobuf/entity ──────────────┴─ (side) unmatched ─────────────────── dead letters
 * </pre>
 * Source and sinks come in through the constructor: {@link #main} plugs in Kafka, tests plug in
 * their own. The GTFS feed is read once per task manager JVM in the operators' {@code open()}.
 */
public final class TransitAdherenceJob {
    public static final String NAME = "transit-adherence";
    /** Positions may arrive this much out of order (event time). */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(60);
    /** A source partition without positions for this long does not hold back the watermark. */
    public static final Duration IDLENESS = Duration.ofMinutes(1);

    private final Source<RawRecord, ?, ?> positions;
    private final Sink<KeyedBytes> tripUpdates;
    private final Sink<KeyedBytes> alerts;
    private final Sink<DeadLetter> deadLetters;
    private final String gtfsPath;
    private final AdherenceSettings settings;
    private final Clock clock;
    /** null: no transit signal priority */
    private final PriorityConfig priority;
    private final Sink<KeyedBytes> priorityRequests;

    public TransitAdherenceJob(Source<RawRecord, ?, ?> positions, Sink<KeyedBytes> tripUpdates, Sink<KeyedBytes> alerts,
                               Sink<DeadLetter> deadLetters, String gtfsPath, AdherenceSettings settings, Clock clock) {
        this(positions, tripUpdates, alerts, deadLetters, gtfsPath, settings, clock, null, null);
    }

    /**
     * With transit signal priority: late buses approaching a junction of {@code priority}'s intersection model
     * become requests on {@code priorityRequests} (JSON, key = intersection id).
     */
    public TransitAdherenceJob(Source<RawRecord, ?, ?> positions, Sink<KeyedBytes> tripUpdates, Sink<KeyedBytes> alerts,
                               Sink<DeadLetter> deadLetters, String gtfsPath, AdherenceSettings settings, Clock clock,
                               PriorityConfig priority, Sink<KeyedBytes> priorityRequests) {
        if ((priority == null) != (priorityRequests == null)) {
            throw new IllegalArgumentException("transit signal priority needs both its config and its sink");
        }
        this.priority = priority;
        this.priorityRequests = priorityRequests;
        this.positions = Objects.requireNonNull(positions, "positions");
        this.tripUpdates = Objects.requireNonNull(tripUpdates, "tripUpdates");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.gtfsPath = Objects.requireNonNull(gtfsPath, "gtfsPath");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds the job's operators to {@code env} (does not execute). */
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<ObservedPosition> decoded = env
                .fromSource(positions, WatermarkStrategy.noWatermarks(), "vehicle-positions-source")
                .uid("transit-positions-source")
                .process(new DecodePositionsFunction(clock))
                .name("decode-vehicle-positions").uid("transit-decode");

        SingleOutputStreamOperator<KeyedBytes> adherence = decoded
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ObservedPosition>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                        .withTimestampAssigner((p, ts) -> p.observation().timestampEpochSeconds() * 1000L)
                        .withIdleness(IDLENESS))
                .name("position-event-time").uid("transit-watermarks")
                .keyBy(p -> p.observation().vehicleId())
                .process(new TripAdherenceFunction(gtfsPath, settings, clock, priority))
                .name("match-trip-and-predict-delays").uid("transit-adherence");

        adherence.sinkTo(tripUpdates).name("trip-updates-sink").uid("transit-trip-updates-sink");

        DataStream<StopPassage> passages = adherence.getSideOutput(TripAdherenceFunction.PASSAGES);
        DataStream<KeyedBytes> bunching = passages
                .keyBy(StopPassage::directionKey)
                .process(new BunchingFunction(settings))
                .name("detect-bunching").uid("transit-bunching");

        adherence.getSideOutput(TripAdherenceFunction.ALERTS)
                .union(bunching)
                .sinkTo(alerts).name("transit-alerts-sink").uid("transit-alerts-sink");

        if (priority != null) {
            adherence.getSideOutput(TripAdherenceFunction.NEAR_SIGNALS)
                    .keyBy(NearSignalPosition::vehicleId)
                    .process(new PriorityApproachFunction(gtfsPath, priority))
                    .name("decide-signal-priority").uid("transit-priority-approach")
                    .keyBy(pl.kielce.traffic.transit.priority.PriorityRequest::intersectionId)
                    .process(new PriorityCooldownFunction(priority.settings().cooldownSeconds()))
                    .name("priority-cooldown-per-intersection").uid("transit-priority-cooldown")
                    .sinkTo(priorityRequests).name("priority-requests-sink").uid("transit-priority-requests-sink");
        }

        decoded.getSideOutput(DecodePositionsFunction.DEAD_LETTERS)
                .union(adherence.getSideOutput(TripAdherenceFunction.UNMATCHED))
                .sinkTo(deadLetters).name("transit-dead-letters-sink").uid("transit-dead-letters-sink");
    }

    /**
     * For {@code LocalJobsMain}: the job on the local stack's Kafka, with the GTFS feed named by env
     * {@code TRAFFIC_TRANSIT_GTFS} (default: the RNV demo feed {@code rnv/rnv.zip} under env
     * {@code TRAFFIC_DATA_DIR}, else {@code $TRAFFIC_ROOT/../shared/data}), with transit signal priority on the
     * Kielce intersection model when it is found ({@link TransitAdherenceCommand#priorityConfig}).
     */
    public static void addToLocalStack(StreamExecutionEnvironment env, LocalStack stack) {
        java.nio.file.Path gtfs = demoGtfs(System.getenv());
        if (!java.nio.file.Files.isRegularFile(gtfs) && !java.nio.file.Files.isDirectory(gtfs)) {
            throw new IllegalStateException("no GTFS feed at " + gtfs + ": set TRAFFIC_TRANSIT_GTFS to a GTFS zip");
        }
        PriorityConfig priority = TransitAdherenceCommand.priorityConfig(null, System.getenv(),
                pl.kielce.traffic.transit.priority.TransitPrioritySettings.DEFAULTS);
        if (priority != null) {
            try {
                priority.junctions(); // a broken intersection model must not take transit adherence down with it
            } catch (RuntimeException e) {
                System.err.println("transit signal priority off: " + e.getMessage());
                priority = null;
            }
        }
        TransitAdherenceCommand.create(stack.kafkaBootstrap(), gtfs.toString(), NAME, AdherenceSettings.DEFAULTS, priority)
                .build(env);
    }

    static java.nio.file.Path demoGtfs(java.util.Map<String, String> env) {
        String explicit = env.get("TRAFFIC_TRANSIT_GTFS");
        if (explicit != null && !explicit.isBlank()) {
            return java.nio.file.Path.of(explicit).toAbsolutePath();
        }
        String data = env.get("TRAFFIC_DATA_DIR");
        java.nio.file.Path dir = data != null && !data.isBlank() ? java.nio.file.Path.of(data)
                : java.nio.file.Path.of(env.getOrDefault("TRAFFIC_ROOT", "."), "..", "shared", "data");
        return dir.resolve("rnv").resolve("rnv.zip").toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws Exception {
        System.exit(new picocli.CommandLine(new TransitAdherenceCommand()).execute(args));
    }
}
