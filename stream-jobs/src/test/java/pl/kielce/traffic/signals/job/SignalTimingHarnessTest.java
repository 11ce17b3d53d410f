package pl.kielce.traffic.signals.job;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.signals.timing.TimingSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.signals.job.SignalFixtures.FIVE_MINUTES;
import static pl.kielce.traffic.signals.job.SignalFixtures.T0;

/** The keyed operator: completed intervals, timers, hysteresis, approvals, state cleaned. */
class SignalTimingHarnessTest {
    static final String CZARN = "KI-WARSZ-CZARN";
    static final String NORTH = "ul. Warszawska from north";
    static final String SOUTH = "ul. Warszawska from south";
    static final String WEST = "ul. Czarnowska from west";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);
    final SignalJobSettings settings = SignalJobSettings.DEFAULTS.withSettleDelay(Duration.ofSeconds(10));

    KeyedTwoInputStreamOperatorTestHarness<String, FlowSample, ApprovalRecord, PlanLogEntry> h;

    @BeforeEach
    void open() throws Exception {
        h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new SignalTimingFunction(
                SignalFixtures.source(), settings, TimingSettings::defaults, CLOCK)),
                FlowSample::group, ApprovalRecord::group, Types.STRING);
        h.open();
        h.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    static FlowSample flow(int interval, String approach, double q) {
        long s = T0 + interval * FIVE_MINUTES;
        return new FlowSample(CZARN, CZARN, approach, "detectors", s, s + FIVE_MINUTES, q);
    }

    /** Heavy west: N-T 900, S-T + S-L 950 (shared 3400:1620), W 1100 veh/h — the shipped plan starves W. */
    void heavyWest(int interval) throws Exception {
        h.processElement1(new StreamRecord<>(flow(interval, NORTH, 900)));
        h.processElement1(new StreamRecord<>(flow(interval, SOUTH, 950)));
        h.processElement1(new StreamRecord<>(flow(interval, WEST, 1100)));
    }

    List<PlanLogEntry> out() {
        return new ArrayList<>(h.extractOutputValues());
    }

    @Test
    void aCompletedIntervalIsEvaluatedAtOnceAndTheTimerIsDeleted() throws Exception {
        h.processElement1(new StreamRecord<>(flow(0, NORTH, 900)));
        h.processElement1(new StreamRecord<>(flow(0, SOUTH, 950)));
        assertThat(out()).isEmpty();
        assertThat(h.numProcessingTimeTimers()).isEqualTo(1); // settle timer: the west detector may still come
        h.processElement1(new StreamRecord<>(flow(0, WEST, 1100)));

        assertThat(out()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(PlanEvents.PROPOSED);
            assertThat(e.intersectionId()).isEqualTo(CZARN);
            assertThat(e.planId()).startsWith(CZARN + "-20261128T0800Z-");
            assertThat(e.at()).isEqualTo(CLOCK.instant());
            assertThat(e.planJson()).contains("\"planId\":\"" + e.planId() + "\"", "\"basedOnInterval\":\"2026-11-28T08:00:00Z\"",
                    "\"current\":{\"planId\":\"shipped:KI-WARSZ-CZARN\"", "\"flowsVehPerHour\":{");
        });
        assertThat(h.numProcessingTimeTimers()).isZero();
        assertThat(mapSize(SignalTimingFunction.PENDING, CZARN)).isZero();
    }

    @Test
    void theSamePlanIsNotProposedForEveryIntervalAndOldFlowsAreRemoved() throws Exception {
        for (int i = 0; i < 6; i++) {
            heavyWest(i);
        }
        assertThat(out()).hasSize(1); // intervals 1..5 give the same plan: hysteresis
        // smoothing over 3 intervals: after interval 5 only intervals 4 and 5 can still be in a later window
        assertThat(mapSize(SignalTimingFunction.FLOWS, CZARN)).isEqualTo(2 * 3);
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anIncompleteIntervalIsEvaluatedByTheSettleTimerButASilentDetectorIsNotAnEmptyRoad() throws Exception {
        h.processElement1(new StreamRecord<>(flow(0, NORTH, 900)));
        h.processElement1(new StreamRecord<>(flow(0, WEST, 1100))); // south detector silent
        assertThat(out()).isEmpty();
        h.setProcessingTime(settings.settleDelay().toMillis()); // evaluated: S-T/S-L unmeasured → nothing proposed
        assertThat(out()).isEmpty();
        assertThat(h.numProcessingTimeTimers()).isZero();
        assertThat(mapSize(SignalTimingFunction.PENDING, CZARN)).isZero();

        // interval 1 has only the south approach, interval 2 only the north one: both wait for the settle timer
        // (an interval never waits for a later one); then interval 1's smoothing window (intervals 0 and 1) measures
        // every detected movement → a proposal; interval 2 gives the same plan → nothing more
        h.processElement1(new StreamRecord<>(flow(1, SOUTH, 950)));
        h.processElement1(new StreamRecord<>(flow(2, NORTH, 900)));
        assertThat(out()).isEmpty();
        assertThat(mapSize(SignalTimingFunction.PENDING, CZARN)).isEqualTo(2);
        assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
        h.setProcessingTime(2 * settings.settleDelay().toMillis());
        assertThat(out()).singleElement().satisfies(e -> assertThat(e.planId()).startsWith(CZARN + "-20261128T0805Z-"));
        assertThat(mapSize(SignalTimingFunction.PENDING, CZARN)).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        // a late correction of an interval already evaluated is kept for smoothing but decides nothing
        h.processElement1(new StreamRecord<>(flow(1, WEST, 1100)));
        assertThat(out()).hasSize(1);
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aBacklogWithInterleavedIntervalsIsEvaluatedInOrderAsIfLive() throws Exception {
        // the flow job catching up emits approach by approach: north 0,1,2 then south 0,1,2 then west 0,1,2
        for (String approach : List.of(NORTH, SOUTH, WEST)) {
            for (int i = 0; i < 3; i++) {
                h.processElement1(new StreamRecord<>(flow(i, approach, approach.equals(NORTH) ? 900 : approach.equals(SOUTH) ? 950 : 1100)));
            }
        }
        // the same single proposal as live: based on interval 0 with all three approaches
        assertThat(out()).singleElement().satisfies(e -> {
            assertThat(e.planId()).startsWith(CZARN + "-20261128T0800Z-");
            assertThat(e.planJson()).contains("\"smoothedOverIntervals\":1");
        });
        assertThat(mapSize(SignalTimingFunction.PENDING, CZARN)).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anApprovedPlanComesIntoForceAndABadOneIsRefusedAndDeadLettered() throws Exception {
        heavyWest(0);
        PlanLogEntry proposal = out().get(0);
        String approved = proposal.planJson().replaceFirst("\\}$", ",\"approvedBy\":\"operator1\",\"approvedAt\":\"2026-11-28T09:00:00Z\"}");
        h.processElement2(new StreamRecord<>(new ApprovalRecord(CZARN, CZARN, proposal.planId(), "operator1", approved,
                "signals.plans.approved", 0, 3)));
        assertThat(out()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(PlanEvents.APPLIED);
            assertThat(e.planId()).isEqualTo(proposal.planId());
            assertThat(e.detail()).contains("approved by operator1");
        });
        assertThat(mapSize(SignalTimingFunction.IN_FORCE, CZARN)).isEqualTo(1);

        // the plan in force is now the proposal: the same flows propose nothing
        heavyWest(1);
        assertThat(out()).hasSize(2);

        // W green 60 s is above the stage maximum of 45 s
        String bad = approved.replace("\"planId\":\"" + proposal.planId() + "\"", "\"planId\":\"hand-edited\"")
                .replaceFirst("\\{\"id\":\"W\",\"greenSeconds\":[0-9.]+}", "{\"id\":\"W\",\"greenSeconds\":60.0}");
        h.processElement2(new StreamRecord<>(new ApprovalRecord(CZARN, CZARN, "hand-edited", "operator1", bad,
                "signals.plans.approved", 1, 9)));
        assertThat(out()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(PlanEvents.REFUSED);
            assertThat(e.planId()).isEqualTo("hand-edited");
            assertThat(e.detail()).startsWith("phase W: green 60 s is above its maximum of 45 s");
        });
        assertThat(h.getSideOutput(SignalTimingFunction.DEAD_LETTERS)).singleElement().satisfies(r -> {
            DeadLetter d = r.getValue();
            assertThat(d.reason()).isEqualTo("approved plan hand-edited refused: phase W: green 60 s is above its maximum of 45 s");
            assertThat(d.sourceTopic()).isEqualTo("signals.plans.approved");
            assertThat(d.partition()).isEqualTo(1);
            assertThat(d.offset()).isEqualTo(9);
        });
        // the refused plan did not replace the one in force
        assertThat(ActivePlan.fromStateJson(mapValue(SignalTimingFunction.IN_FORCE, CZARN, CZARN)).planId())
                .isEqualTo(proposal.planId());
    }

    @Test
    void anApprovalForAnIntersectionOutsideTheModelIsRefused() throws Exception {
        h.processElement2(new StreamRecord<>(new ApprovalRecord("KI-NOWHERE", "KI-NOWHERE", "p", null,
                "{\"planId\":\"p\",\"intersectionId\":\"KI-NOWHERE\"}", "signals.plans.approved", 0, 1)));
        assertThat(out()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(PlanEvents.REFUSED);
            assertThat(e.detail()).isEqualTo("intersection KI-NOWHERE is not in the signal model");
        });
    }

    <V> int mapSize(MapStateDescriptor<?, V> descriptor, String key) throws Exception {
        MapState<?, V> state = state(descriptor, key);
        int n = 0;
        for (Object ignored : state.keys()) {
            n++;
        }
        return n;
    }

    String mapValue(MapStateDescriptor<String, String> descriptor, String key, String mapKey) throws Exception {
        return state(descriptor, key).get(mapKey);
    }

    <K, V> MapState<K, V> state(MapStateDescriptor<K, V> descriptor, String key) throws Exception {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }
}
