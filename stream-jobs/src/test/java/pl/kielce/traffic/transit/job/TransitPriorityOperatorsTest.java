package pl.kielce.traffic.transit.job;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.signals.timing.TransitPriority;
import pl.kielce.traffic.transit.KielceTspNetwork;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.adherence.VehicleObservation;
import pl.kielce.traffic.transit.priority.PriorityRequest;
import pl.kielce.traffic.transit.priority.TransitPrioritySettings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.transit.KielceTspNetwork.at;

/**
 * The three operators of the priority path in Flink's test harness, on the real Kielce junction KI-IXW-SOLID and the
 * test line of {@link KielceTspNetwork} (trip K1 leaves EAST 10:00:00, on time it is 80 m before the centre after
 * {@code scheduledSecondsAt(80)} ≈ 108.6 s). The observation times put the junction's fixed-time plan 1 s into
 * the first stage in which E-T is red (EW-left in the model), so a late bus 80 m out at 7 m/s (ETA ≈ 9.3 s) needs
 * an early green.
 */
class TransitPriorityOperatorsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path gtfsDir;

    KielceTspNetwork net;
    PriorityConfig config;
    int t2;

    @BeforeEach
    void setUp() throws Exception {
        net = new KielceTspNetwork();
        net.writeGtfs(gtfsDir, 11 * 3600);
        config = new PriorityConfig(net.intersectionsFile.toString(), TransitPrioritySettings.DEFAULTS);
        // ~5 min after the on-time passage (10:01:48): a bus there then is ~300 s late
        t2 = net.secondOfDayIntoRedStage(10 * 3600 + 400, 1);
    }

    NearSignalPosition near(String vehicle, String trip, int delaySeconds, double metersEast, long epochSeconds) {
        double[] p = net.east(metersEast);
        // the run EAST→WEST is segment 0; fraction from EAST
        double f = (net.halfSpanMeters - metersEast) / (2 * net.halfSpanMeters);
        return new NearSignalPosition(vehicle, "KR", trip, "2026-11-30", delaySeconds, p[0], p[1], epochSeconds, 0, f);
    }

    @Test
    void adherenceOperatorPassesOnOnlyPositionsNearAJunction() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new TripAdherenceFunction(gtfsDir.toString(), AdherenceSettings.DEFAULTS, CLOCK, config)),
                (ObservedPosition p) -> p.observation().vehicleId(), Types.STRING);
        harness.open();
        try {
            // 800 m east: beyond 2 × 300 m of every junction; then 80 m east, 300-odd s late
            for (double metres : new double[]{800, 80}) {
                double[] p = net.east(metres);
                long t = metres == 800 ? at(t2) - 60 : at(t2);
                VehicleObservation o = new VehicleObservation("bus-7", "K1", "KR", -1, null, p[0], p[1], t);
                harness.processElement(new StreamRecord<>(new ObservedPosition(o, new byte[]{1}, "positions", 0, 1), t * 1000));
            }
            List<NearSignalPosition> near = harness.getSideOutput(TripAdherenceFunction.NEAR_SIGNALS).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(near).hasSize(1);
            NearSignalPosition n = near.get(0);
            assertThat(n.tripId()).isEqualTo("K1");
            assertThat(n.serviceDate()).isEqualTo("2026-11-30");
            assertThat(n.segmentIndex()).isZero();
            // delay = observation − (10:00:00 + 108.6 s), within a second of matching arithmetic
            assertThat(n.delaySeconds()).isCloseTo((int) (t2 - 36000 - net.scheduledSecondsAt(80)), org.assertj.core.api.Assertions.within(2));
            assertThat(n.fractionAlongSegment()).isCloseTo((net.halfSpanMeters - 80) / (2 * net.halfSpanMeters),
                    org.assertj.core.api.Assertions.within(0.001));
        } finally {
            harness.close();
        }
    }

    @Test
    void aLateBusAsksOncePerPassAnOnTimeBusNeverAndStateIsGoneAfterIdling() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new PriorityApproachFunction(gtfsDir.toString(), config)), NearSignalPosition::vehicleId, Types.STRING);
        harness.open();
        try {
            // late bus: 150 m (10 s earlier, no previous → heading unknown), 80 m (request), 45 m (already asked)
            harness.processElement(near("bus-7", "K1", 300, 150, at(t2) - 10), (at(t2) - 10) * 1000);
            assertThat(harness.extractOutputValues()).isEmpty();
            harness.processElement(near("bus-7", "K1", 300, 80, at(t2)), at(t2) * 1000);
            harness.processElement(near("bus-7", "K1", 300, 45, at(t2) + 5), (at(t2) + 5) * 1000);
            // the same positions 30 s late on another bus (below the 120 s threshold)
            harness.processElement(near("bus-8", "K2", 30, 150, at(t2) - 10), (at(t2) - 10) * 1000);
            harness.processElement(near("bus-8", "K2", 30, 80, at(t2)), at(t2) * 1000);
            List<PriorityRequest> out = harness.extractOutputValues();
            assertThat(out).hasSize(1);
            PriorityRequest r = out.get(0);
            assertThat(r.vehicleId()).isEqualTo("bus-7");
            assertThat(r.intersectionId()).isEqualTo(KielceTspNetwork.JUNCTION);
            assertThat(r.movementId()).isEqualTo(KielceTspNetwork.MOVEMENT);
            assertThat(r.kind()).isEqualTo(TransitPriority.Kind.EARLY_GREEN);
            assertThat(r.seconds()).isBetween(1, 15);
            assertThat(r.assumedStepElapsedSeconds()).isEqualTo(1);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
            assertThat(harness.numEventTimeTimers()).isEqualTo(2);
            harness.processWatermark(new Watermark((at(t2) + 5 + PriorityApproachFunction.IDLE_SECONDS) * 1000));
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        } finally {
            harness.close();
        }
    }

    @Test
    void cooldownLetsOneRequestPerIntersectionThroughWithinTheWindow() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new PriorityCooldownFunction(120)), PriorityRequest::intersectionId, Types.STRING);
        harness.open();
        try {
            harness.processElement(request("bus-1", "KI-IXW-SOLID", 1000), 1000_000);
            harness.processElement(request("bus-2", "KI-IXW-SOLID", 1030), 1030_000); // 30 s later: dropped
            harness.processElement(request("bus-3", "KI-IXW-SIENK", 1030), 1030_000); // other junction: sent
            harness.processElement(request("bus-4", "KI-IXW-SOLID", 1120), 1120_000); // 120 s later: sent
            List<KeyedBytes> out = harness.extractOutputValues();
            assertThat(out).extracting(KeyedBytes::key).containsExactly("KI-IXW-SOLID", "KI-IXW-SIENK", "KI-IXW-SOLID");
            assertThat(out).extracting(k -> PriorityRequest.fromJson(k.value()).value().vehicleId())
                    .containsExactly("bus-1", "bus-3", "bus-4");
            harness.processWatermark(new Watermark(1240_000));
            assertThat(harness.numKeyedStateEntries()).isZero();
        } finally {
            harness.close();
        }
    }

    static PriorityRequest request(String vehicle, String junction, long epochSeconds) {
        return new PriorityRequest(PriorityRequest.requestIdOf(junction, "E-T", "K1", "2026-11-30", vehicle),
                TransitPriority.Kind.EXTEND_GREEN, junction, "E-T", "from east", 5, vehicle, "KR", "K1", "2026-11-30", 200, 60,
                epochSeconds, epochSeconds + 9, epochSeconds + 39, "EW", 30);
    }
}
