package pl.kielce.traffic.transit.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.transit.adherence.TripGeometry;
import pl.kielce.traffic.transit.priority.ApproachDetector;
import pl.kielce.traffic.transit.priority.PathAhead;
import pl.kielce.traffic.transit.priority.PriorityDecider;
import pl.kielce.traffic.transit.priority.PriorityRequest;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;

import java.util.Arrays;
import java.util.Objects;

/**
 * Keyed by vehicle: from its matched positions near signalised junctions, decides transit signal priority
 * ({@link PriorityDecider}) and emits at most one request per junction and movement per trip run. Remembers the
 * previous position of the trip (heading and speed) and the junctions already asked; cleared by an event-time
 * timer {@link #IDLE_SECONDS} after the last position near a junction.
 */
public final class PriorityApproachFunction extends KeyedProcessFunction<String, NearSignalPosition, PriorityRequest> {
    /** State of a vehicle not seen near a junction for this long is dropped. */
    public static final long IDLE_SECONDS = 600;

    /**
     * What the operator keeps per vehicle.
     *
     * @param requested junction:movement pairs already asked on this trip run, separated by spaces
     */
    public record LastFix(String tripId, String serviceDate, double lat, double lon, long epochSeconds, String requested,
                          long cleanupTimerMillis) {
    }

    private final String gtfsPath;
    private final PriorityConfig config;

    private transient GtfsFeed feed;
    private transient PriorityDecider decider;
    private transient java.util.Map<String, TripGeometry> geometries;
    private transient ValueState<LastFix> state;
    private transient Counter evaluated;
    private transient Counter requests;

    public PriorityApproachFunction(String gtfsPath, PriorityConfig config) {
        this.gtfsPath = Objects.requireNonNull(gtfsPath, "gtfsPath");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void open(OpenContext openContext) {
        feed = GtfsFeedCache.get(gtfsPath);
        decider = new PriorityDecider(config.junctions(), config.settings());
        geometries = new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, TripGeometry> eldest) {
                return size() > 2_000;
            }
        };
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("priority-last-fix", LastFix.class));
        evaluated = getRuntimeContext().getMetricGroup().counter("priorityPositionsEvaluated");
        requests = getRuntimeContext().getMetricGroup().counter("priorityRequests");
    }

    @Override
    public void processElement(NearSignalPosition p, Context ctx, Collector<PriorityRequest> out) throws Exception {
        LastFix last = state.value();
        if (last != null && p.epochSeconds() <= last.epochSeconds()) {
            return; // older or repeated position: nothing new
        }
        ScheduledTrip trip = feed.trip(p.tripId()).orElse(null);
        if (trip == null) {
            return; // the adherence operator matched it against this feed: cannot happen unless the feeds differ
        }
        boolean sameRun = last != null && last.tripId().equals(p.tripId()) && last.serviceDate().equals(p.serviceDate());
        ApproachDetector.Fix previous = sameRun ? new ApproachDetector.Fix(last.lat(), last.lon(), last.epochSeconds()) : null;
        ApproachDetector.Fix now = new ApproachDetector.Fix(p.lat(), p.lon(), p.epochSeconds());
        TripGeometry geometry = geometries.computeIfAbsent(trip.id(), id -> TripGeometry.of(trip, feed));
        evaluated.inc();
        Decoded<PriorityRequest> d = decider.decide(
                new PriorityDecider.Bus(p.vehicleId(), p.routeId(), p.tripId(), p.serviceDate(), p.delaySeconds()),
                previous, now, PathAhead.of(geometry, trip.stopCount(), p.segmentIndex(), p.fractionAlongSegment(),
                        config.settings().maxApproachMeters() + config.settings().junctionRadiusMeters() + 50));
        String requested = sameRun ? last.requested() : "";
        if (d.isOk()) {
            String pass = d.value().intersectionId() + ":" + d.value().movementId();
            if (!Arrays.asList(requested.split(" ")).contains(pass)) { // one request per junction and movement per run
                requests.inc();
                out.collect(d.value());
                requested = (requested + " " + pass).trim();
            }
        }
        if (last != null && last.cleanupTimerMillis() > 0) {
            ctx.timerService().deleteEventTimeTimer(last.cleanupTimerMillis());
        }
        long timer = (p.epochSeconds() + IDLE_SECONDS) * 1000L;
        ctx.timerService().registerEventTimeTimer(timer);
        state.update(new LastFix(p.tripId(), p.serviceDate(), p.lat(), p.lon(), p.epochSeconds(), requested, timer));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PriorityRequest> out) throws Exception {
        LastFix s = state.value();
        if (s != null && s.cleanupTimerMillis() == timestamp) {
            state.clear();
        }
    }
}
