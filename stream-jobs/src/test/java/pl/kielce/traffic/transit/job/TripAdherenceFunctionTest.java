package pl.kielce.traffic.transit.job;

import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.transit.TinyNetwork;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.adherence.StopPassage;
import pl.kielce.traffic.transit.adherence.VehicleObservation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.TinyNetwork.LAT;
import static pl.kielce.traffic.transit.TinyNetwork.LON_B;
import static pl.kielce.traffic.transit.TinyNetwork.LON_D;
import static pl.kielce.traffic.transit.TinyNetwork.at;

/** The keyed adherence operator alone: outputs, state and timers (flink-training's second test tier). */
class TripAdherenceFunctionTest {
    // idle timeout 1800 s: the cleanup timer fires 30 min after the last position
    private static final AdherenceSettings SETTINGS = AdherenceSettings.DEFAULTS;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path gtfsDir;

    private KeyedOneInputStreamOperatorTestHarness<String, ObservedPosition, KeyedBytes> harness;

    @BeforeEach
    void setUp() throws Exception {
        TinyNetwork.writeGtfs(gtfsDir);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TripAdherenceFunction(gtfsDir.toString(), SETTINGS, CLOCK)),
                p -> p.observation().vehicleId(), Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void position(String vehicle, String trip, double lon, String hhmmss) throws Exception {
        VehicleObservation o = new VehicleObservation(vehicle, trip, "R1", -1, null, LAT, lon, at(hhmmss));
        harness.processElement(new StreamRecord<>(new ObservedPosition(o, new byte[]{1}, "positions", 0, 7),
                o.timestampEpochSeconds() * 1000));
    }

    private List<TripUpdate> tripUpdates() throws Exception {
        return harness.extractOutputValues().stream().map(k -> {
            try {
                return FeedMessage.parseFrom(k.value()).getEntity(0).getTripUpdate();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toList());
    }

    private List<StopPassage> passages() {
        return harness.getSideOutput(TripAdherenceFunction.PASSAGES).stream().map(StreamRecord::getValue)
                .collect(Collectors.toList());
    }

    @Test
    void aDelayedBusBecomesATripUpdateAndItsStateIsClearedAfterIdling() throws Exception {
        // T1 halfway B→C at 08:05:00; scheduled there 08:03:00 → 120 s late
        position("bus-1", "T1", 20.015, "08:05:00");

        assertThat(tripUpdates()).singleElement().satisfies(tu -> {
            assertThat(tu.getTrip().getTripId()).isEqualTo("T1");
            assertThat(tu.getDelay()).isEqualTo(120);
            assertThat(tu.getStopTimeUpdate(2).getStopId()).isEqualTo("C");
            assertThat(tu.getStopTimeUpdate(2).getArrival().getDelay()).isEqualTo(117);
        });
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        // a second position re-arms the one timer (the old one is deleted)
        position("bus-1", "T1", 20.025, "08:07:00");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        // it passed C on the way: one passage, at the scheduled 08:04 + current delay
        assertThat(passages()).extracting(StopPassage::stopId).containsExactly("C");

        // watermark just before 08:07 + 30 min: nothing yet
        harness.processWatermark(at("08:36:59") * 1000);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        // 08:37:00: the vehicle has been silent for 30 min → forgotten
        harness.processWatermark(at("08:37:00") * 1000);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void reachingTheLastStopClearsStateAndTimerAtOnce() throws Exception {
        position("bus-1", "T1", LON_B, "08:02:00");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        position("bus-1", "T1", LON_D, "08:06:30");

        assertThat(tripUpdates()).hasSize(2);
        // at D, 30 s after its scheduled arrival: every stop is behind the vehicle
        assertThat(tripUpdates().get(1).getStopTimeUpdateList()).extracting(u -> u.getStopId())
                .containsExactly("A", "B", "C", "D");
        assertThat(tripUpdates().get(1).getStopTimeUpdate(3).getArrival().getDelay()).isEqualTo(30);
        assertThat(passages()).extracting(StopPassage::stopId).containsExactly("B", "C", "D");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anOlderPositionAfterANewerOneIsIgnored() throws Exception {
        position("bus-1", "T1", 20.015, "08:05:00");
        position("bus-1", "T1", 20.012, "08:04:00"); // arrives late, says nothing new
        assertThat(tripUpdates()).hasSize(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void aVehicleStartingItsNextTripStartsAfresh() throws Exception {
        // bus-1 ends T1 late at C … then reports on T2 at A: passages restart, state follows the new trip
        position("bus-1", "T1", 20.025, "08:09:00");
        position("bus-1", "T2", 20.000, "08:10:00");
        assertThat(tripUpdates()).extracting(tu -> tu.getTrip().getTripId()).containsExactly("T1", "T2");
        // the first position of a trip reports only the stop it stands at (A of T2)
        assertThat(passages()).extracting(p -> p.tripId() + "@" + p.stopId()).containsExactly("T2@A");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void aLargeDelayAlertsOnceAndAnUnmatchedPositionIsDeadLettered() throws Exception {
        // halfway B→C is scheduled at 08:03; at 08:09 and 08:10 the bus is 360 s and 420 s late (threshold 300 s)
        position("bus-1", "T1", 20.015, "08:09:00");
        position("bus-1", "T1", 20.016, "08:10:00");
        var alerts = harness.getSideOutput(TripAdherenceFunction.ALERTS);
        assertThat(alerts).hasSize(1);
        assertThat(new String(alerts.peek().getValue().value(), StandardCharsets.UTF_8))
                .contains("\"kind\":\"TRANSIT_LARGE_DELAY\"").contains("\"delaySeconds\":360");

        position("bus-2", "NO-SUCH-TRIP", 20.015, "08:09:00");
        var dead = harness.getSideOutput(TripAdherenceFunction.UNMATCHED);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.getValue().reason()).contains("vehicle 'bus-2'").contains("'NO-SUCH-TRIP' is not in the schedule");
            assertThat(r.getValue().sourceTopic()).isEqualTo("positions");
            assertThat(r.getValue().offset()).isEqualTo(7);
        });
        // the unmatched vehicle left no state behind
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }
}
