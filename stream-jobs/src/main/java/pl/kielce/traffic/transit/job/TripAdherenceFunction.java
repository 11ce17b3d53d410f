package pl.kielce.traffic.transit.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.adherence.AlertRules;
import pl.kielce.traffic.transit.adherence.DelayPredictor;
import pl.kielce.traffic.transit.adherence.StopDelay;
import pl.kielce.traffic.transit.adherence.StopPassage;
import pl.kielce.traffic.transit.adherence.TripMatcher;
import pl.kielce.traffic.transit.adherence.TripProgress;
import pl.kielce.traffic.transit.adherence.TripUpdateFactory;
import pl.kielce.traffic.transit.adherence.VehicleObservation;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsTime;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Keyed by vehicle: matches each position to its scheduled trip, predicts downstream delays and emits
 * a GTFS-RT TripUpdate (main output), the stops the vehicle reached ({@link #PASSAGES}), large-delay
 * alerts ({@link #ALERTS}) and positions that match no trip ({@link #UNMATCHED}, dead letters).
 *
 * <p>State per vehicle: the current trip and progress. Cleared when the trip reaches its last stop, or
 * by an event-time timer after {@code vehicleIdleSeconds} without a position; a state TTL backs this up.
 */
public final class TripAdherenceFunction extends KeyedProcessFunction<String, ObservedPosition, KeyedBytes> {
    public static final OutputTag<StopPassage> PASSAGES = new OutputTag<>("transit-stop-passages") {
    };
    public static final OutputTag<KeyedBytes> ALERTS = new OutputTag<>("transit-delay-alerts") {
    };
    public static final OutputTag<DeadLetter> UNMATCHED = new OutputTag<>("transit-unmatched") {
    };
    /** Matched positions near a signalised junction, for transit signal priority (only when it is configured). */
    public static final OutputTag<NearSignalPosition> NEAR_SIGNALS = new OutputTag<>("transit-near-signals") {
    };

    private final String gtfsPath;
    private final AdherenceSettings settings;
    private final Clock clock;
    /** null: no transit signal priority */
    private final PriorityConfig priority;

    private transient GtfsFeed feed;
    private transient pl.kielce.traffic.transit.priority.SignalisedJunctions junctions;
    private transient TripMatcher matcher;
    private transient DelayPredictor predictor;
    private transient AlertRules rules;
    private transient ValueState<VehicleState> state;
    private transient Counter matched;
    private transient Counter unmatched;
    private transient Counter stale;

    public TripAdherenceFunction(String gtfsPath, AdherenceSettings settings, Clock clock) {
        this(gtfsPath, settings, clock, null);
    }

    /** @param priority transit signal priority: matched positions near its junctions go to {@link #NEAR_SIGNALS}; null = off */
    public TripAdherenceFunction(String gtfsPath, AdherenceSettings settings, Clock clock, PriorityConfig priority) {
        this.gtfsPath = Objects.requireNonNull(gtfsPath, "gtfsPath");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.priority = priority;
    }

    @Override
    public void open(OpenContext openContext) {
        feed = GtfsFeedCache.get(gtfsPath);
        matcher = new TripMatcher(feed, settings);
        predictor = new DelayPredictor(settings);
        rules = new AlertRules(settings);
        junctions = priority == null ? null : priority.junctions();
        ValueStateDescriptor<VehicleState> d = new ValueStateDescriptor<>("vehicle", VehicleState.class);
        // back-up for the cleanup timer: state untouched for twice the idle time is dropped anyway
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofSeconds(2L * settings.vehicleIdleSeconds()))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        state = getRuntimeContext().getState(d);
        matched = getRuntimeContext().getMetricGroup().counter("positionsMatched");
        unmatched = getRuntimeContext().getMetricGroup().counter("positionsUnmatched");
        stale = getRuntimeContext().getMetricGroup().counter("positionsOutOfOrder");
    }

    @Override
    public void processElement(ObservedPosition in, Context ctx, Collector<KeyedBytes> out) throws Exception {
        VehicleObservation o = in.observation();
        VehicleState s = state.value();
        if (s != null && o.timestampEpochSeconds() < s.lastSeenEpochSeconds()) {
            stale.inc(); // an older position after a newer one says nothing new
            return;
        }
        TripMatcher.PreviousMatch previous = s == null || s.tripId() == null ? null
                : new TripMatcher.PreviousMatch(s.tripId(), LocalDate.parse(s.serviceDate()), s.reachedStopIndex());
        Decoded<TripProgress> m = matcher.match(o, previous);
        if (!m.isOk()) {
            unmatched.inc();
            ctx.output(UNMATCHED, DeadLetters.of(in.entityBytes(), in.topic(), in.partition(), in.offset(),
                    "vehicle '" + o.vehicleId() + "': " + m.reason(), clock));
            return;
        }
        matched.inc();
        TripProgress p = m.value();
        ScheduledTrip trip = p.trip();
        boolean sameTrip = previous != null && previous.tripId().equals(trip.id())
                && previous.serviceDate().equals(p.serviceDate());

        emitPassages(ctx, o, p, sameTrip ? previous.reachedStopIndex() : -1, sameTrip);
        if (junctions != null && junctions.anyWithin(o.latDegrees(), o.lonDegrees(), priority.nearMeters())) {
            ctx.output(NEAR_SIGNALS, new NearSignalPosition(o.vehicleId(), trip.routeId(), trip.id(),
                    p.serviceDate().toString(), p.delaySeconds(), o.latDegrees(), o.lonDegrees(), o.timestampEpochSeconds(),
                    p.segmentIndex(), p.fractionAlongSegment()));
        }

        List<StopDelay> downstream = predictor.predict(p);
        out.collect(new KeyedBytes(TripUpdateFactory.entityId(trip, p.serviceDate()),
                TripUpdateFactory.tripUpdate(p, downstream, o.vehicleId(), o.timestampEpochSeconds(), feed.zone())
                        .toByteArray()));

        AlertRules.LargeDelayDecision alert = rules.largeDelay(sameTrip && s.largeDelayActive(), p, o.vehicleId(),
                o.timestampEpochSeconds());
        alert.alert().ifPresent(a -> ctx.output(ALERTS, new KeyedBytes(a.key(), a.toJson().getBytes(
                java.nio.charset.StandardCharsets.UTF_8))));

        if (s != null && s.cleanupTimerMillis() > 0) {
            ctx.timerService().deleteEventTimeTimer(s.cleanupTimerMillis());
        }
        if (p.atLastStop()) {
            state.clear(); // trip over: nothing to remember
            return;
        }
        long timer = (o.timestampEpochSeconds() + settings.vehicleIdleSeconds()) * 1000L;
        ctx.timerService().registerEventTimeTimer(timer);
        state.update(new VehicleState(trip.id(), p.serviceDate().toString(),
                Math.max(p.reachedStopIndex(), sameTrip ? previous.reachedStopIndex() : -1),
                o.timestampEpochSeconds(), alert.active(), timer));
    }

    /**
     * Stops reached since the previous position. The first position of a trip reports only a stop the
     * vehicle stands at (earlier stops were not observed). The passage time is the observation time at the
     * stop the vehicle stands at, else the scheduled arrival plus the current delay.
     */
    private void emitPassages(Context ctx, VehicleObservation o, TripProgress p, int previousReached, boolean sameTrip) {
        ScheduledTrip trip = p.trip();
        long dayStart = GtfsTime.serviceDayStartEpochSeconds(p.serviceDate(), feed.zone());
        int from = sameTrip ? previousReached + 1 : (p.atStopIndex() >= 0 ? p.atStopIndex() : Integer.MAX_VALUE);
        for (int j = from; j <= p.reachedStopIndex(); j++) {
            long scheduled = dayStart + trip.arrivalSeconds(j);
            long actual = j == p.atStopIndex() ? o.timestampEpochSeconds() : scheduled + p.delaySeconds();
            ctx.output(PASSAGES, new StopPassage(trip.directionKey(), trip.routeId(), trip.id(), o.vehicleId(),
                    trip.stop(j).id(), actual, scheduled));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedBytes> out) throws Exception {
        VehicleState s = state.value();
        if (s != null && s.cleanupTimerMillis() == timestamp) {
            state.clear();
        }
    }
}
