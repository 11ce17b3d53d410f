package pl.kielce.traffic.transit.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.adherence.AlertRules;
import pl.kielce.traffic.transit.adherence.StopPassage;
import pl.kielce.traffic.transit.adherence.TransitAlert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keyed by route + direction: remembers the latest passage at each stop and raises a bunching alert
 * when a vehicle reaches a stop too soon after the preceding one ({@link AlertRules#bunching}).
 * Passages older than {@code trafficDirectionMemorySeconds} are dropped by an event-time timer
 * (one per key per minute at most); a state TTL backs this up.
 */
public final class BunchingFunction extends KeyedProcessFunction<String, StopPassage, KeyedBytes> {
    private final AdherenceSettings settings;
    private transient AlertRules rules;
    private transient MapState<String, StopPassage> lastAtStop;

    public BunchingFunction(AdherenceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new AlertRules(settings);
        MapStateDescriptor<String, StopPassage> d = new MapStateDescriptor<>("last-passage-at-stop", String.class,
                StopPassage.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofSeconds(2L * settings.trafficDirectionMemorySeconds()))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        lastAtStop = getRuntimeContext().getMapState(d);
    }

    @Override
    public void processElement(StopPassage p, Context ctx, Collector<KeyedBytes> out) throws Exception {
        StopPassage previous = lastAtStop.get(p.stopId());
        Optional<TransitAlert> alert;
        if (previous == null || p.actualEpochSeconds() >= previous.actualEpochSeconds()) {
            alert = rules.bunching(previous, p, (int) (p.actualEpochSeconds() - p.scheduledEpochSeconds()));
            lastAtStop.put(p.stopId(), p);
        } else {
            // arrived out of order: p reached the stop before the stored one
            alert = rules.bunching(p, previous,
                    (int) (previous.actualEpochSeconds() - previous.scheduledEpochSeconds()));
        }
        alert.ifPresent(a -> out.collect(new KeyedBytes(a.key(), a.toJson().getBytes(StandardCharsets.UTF_8))));
        long expiry = (p.actualEpochSeconds() + settings.trafficDirectionMemorySeconds()) * 1000L;
        ctx.timerService().registerEventTimeTimer(expiry - expiry % 60_000 + 60_000); // coalesced per minute
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedBytes> out) throws Exception {
        long oldestKeptSeconds = timestamp / 1000 - settings.trafficDirectionMemorySeconds();
        Iterator<Map.Entry<String, StopPassage>> it = lastAtStop.iterator();
        while (it.hasNext()) {
            if (it.next().getValue().actualEpochSeconds() <= oldestKeptSeconds) {
                it.remove();
            }
        }
        if (lastAtStop.isEmpty()) {
            lastAtStop.clear(); // drop the key's (empty) map itself
        }
    }
}
