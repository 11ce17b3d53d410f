package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.streams.RawRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.Violation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.enforcement.CtzFixtures.*;

/** Operator level: passages and daily cases with real keyed state, timers and broadcast policy. */
class PassageFunctionHarnessTest {
    static final EnforcementSettings SETTINGS = EnforcementSettings.DEFAULTS.withPassageWindow(Duration.ofMinutes(5));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2027-08-02T12:00:00Z"), ZoneOffset.UTC);
    static Policy policy;
    static List<String> zone;
    static List<String> outside;

    @BeforeAll
    static void load() {
        policy = testPolicy("test-1");
        zone = zoneCameras(policy);
        outside = outsideCameras(policy);
        assertThat(zone).hasSizeGreaterThanOrEqualTo(2);
        assertThat(outside).isNotEmpty();
    }

    static KeyedBroadcastOperatorTestHarness<String, PlateRead, PolicyPack, PassageEvent> passages() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new PassageFunction(testPackJson("test-1"), SETTINGS, CLOCK), PlateRead::plate, Types.STRING, PolicyUpdates.STATE);
        h.open();
        return h;
    }

    static int keyedEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        var op = (CoBroadcastWithKeyedOperator<?, ?, ?, ?>) h.getOperator();
        return ((HeapKeyedStateBackend<?>) op.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    static StreamRecord<PlateRead> at(PlateRead r) {
        return new StreamRecord<>(r, r.capturedAtMillis());
    }

    @Test
    void readsOfOneZoneWithinTheWindowAreOnePassageAndStateIsClearedAfterwards() throws Exception {
        try (var h = passages()) {
            h.processElement(at(read("a", zone.get(0), BEGINNING, "TK10001")));
            h.processElement(at(read("b", zone.get(1), ONE_MINUTE_LATER, "TK10001")));
            h.processElement(at(read("c", outside.get(0), ONE_MINUTE_LATER, "TK10001")));
            h.processElement(at(read("d", zone.get(0), BEGINNING.plusSeconds(30), "TK20002")));
            List<PassageEvent> out = h.extractOutputValues();
            assertThat(out).extracting(PassageEvent::start).containsExactly(true, false, true, true);
            assertThat(out.get(1).passageId()).isEqualTo("a");
            assertThat(out.get(0).zoneKey()).isEqualTo("kielce-centre");
            assertThat(out.get(2).zoneKey()).isEqualTo("camera:" + outside.get(0));
            assertThat(h.numEventTimeTimers()).isPositive();
            assertThat(keyedEntries(h)).isPositive();

            h.processWatermark(new Watermark(TWO_HOURS_LATER.toEpochMilli()));
            h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(keyedEntries(h)).isZero();

            // after the window a new read is a new passage
            h.processElement(at(read("e", zone.get(1), TWO_HOURS_LATER.plusSeconds(1), "TK10001")));
            assertThat(h.extractOutputValues().get(4).start()).isTrue();
        }
    }

    @Test
    void aReadLaterThanTheAllowedLatenessIsDeadLetteredWithoutItsPlateAndCounted() throws Exception {
        try (var h = passages()) {
            h.processWatermark(new Watermark(TWO_HOURS_LATER.toEpochMilli()));
            h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            h.processElement(at(read("late", zone.get(0), BEGINNING, "TK30003")));
            assertThat(h.extractOutputValues()).isEmpty();
            var dlq = h.getSideOutput(EnforcementJob.DEAD_LETTERS);
            assertThat(dlq).hasSize(1);
            RawRecord dl = dlq.peek().getValue();
            assertThat(dl.topic()).isEqualTo(Topics.ANPR_READS_DLQ);
            assertThat(new String(dl.value(), StandardCharsets.UTF_8)).contains("late read").doesNotContain("TK30003");
            assertThat(keyedEntries(h)).isZero();
            // within the allowed lateness (10 min) a read is still decided
            h.processElement(at(read("in-time", zone.get(0), TWO_HOURS_LATER.minusSeconds(300), "TK30003")));
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void aPolicyUpdateChangesTheZonesAtRuntime() throws Exception {
        try (var h = passages()) {
            h.processElement(at(read("a", zone.get(0), BEGINNING, "TK40004")));
            // stage 1 moved to 2030: on 2027-08-02 no stage is in force, so the camera enforces no zone
            String moved = testPackJson("test-2").replace("validFrom: 2027-07-01", "validFrom: 2028-07-01");
            h.processBroadcastElement(new StreamRecord<>(PolicyPack.of(PolicyUpdates.validate(moved.getBytes(StandardCharsets.UTF_8)).value())));
            h.processElement(at(read("b", zone.get(0), BEGINNING.plusSeconds(10), "TK40005")));
            assertThat(h.extractOutputValues()).extracting(PassageEvent::zoneKey)
                    .containsExactly("kielce-centre", "camera:" + zone.get(0));
        }
    }

    // ------------------------------------------------------------------ decide + daily cases

    static KeyedBroadcastOperatorTestHarness<String, EnrichedPassage, PolicyPack, RawRecord> cases() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new CaseFunction(testPackJson("test-1"), SETTINGS, CLOCK), EnrichedPassage::plate, Types.STRING, PolicyUpdates.STATE);
        h.open();
        return h;
    }

    static StreamRecord<EnrichedPassage> start(PlateRead r, RegisterAnswer a) {
        return new StreamRecord<>(new EnrichedPassage(new PassageEvent(true, r.readId(), "kielce-centre", r), a), r.capturedAtMillis());
    }

    static StreamRecord<EnrichedPassage> attach(String passageId, PlateRead r) {
        return new StreamRecord<>(new EnrichedPassage(new PassageEvent(false, passageId, "kielce-centre", r), null), r.capturedAtMillis());
    }

    @Test
    void oneViolationPerVehicleZoneAndDayLaterPassagesAttachedAsEvidence() throws Exception {
        try (var h = cases()) {
            RegisterAnswer old = RegisterAnswer.found(OLD_DIESEL, null);
            h.processElement(start(read("p1", zone.get(0), BEGINNING, "TK50005"), old));
            h.processElement(attach("p1", read("p1b", zone.get(1), ONE_MINUTE_LATER, "TK50005")));
            h.processElement(start(read("p2", zone.get(0), TWO_HOURS_LATER, "TK50005"), old));
            h.processElement(start(read("p3", zone.get(0), NEXT_DAY, "TK50005"), old));

            List<RawRecord> out = h.extractOutputValues();
            List<Violation> violations = out.stream().filter(k -> k.topic().equals(Topics.CTZ_VIOLATIONS))
                    .map(k -> EventCodec.decode(k.value(), Violation.class).value()).toList();
            assertThat(violations).hasSize(2);
            assertThat(violations.get(0).policyVersion()).isEqualTo("test-1");
            assertThat(violations.get(0).passageRefs()).containsExactly("p1");
            assertThat(violations.get(0).id()).isNotEqualTo(violations.get(1).id());
            assertThat(out.stream().filter(k -> k.topic().equals(Topics.EVIDENCE_CLAIMS))).hasSize(4);
            List<CaseRow> rows = h.getSideOutput(EnforcementJob.CASE_ROWS).stream().map(StreamRecord::getValue).toList();
            assertThat(rows).extracting(CaseRow::isNewCase).containsExactly(true, false, false, true);
            assertThat(rows.get(1).caseId()).isEqualTo(violations.get(0).id());
            assertThat(rows.get(2).readId()).isEqualTo("p2");

            h.processWatermark(new Watermark(NEXT_DAY.plusSeconds(2 * 24 * 3600).toEpochMilli()));
            h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(keyedEntries(h)).isZero();
        }
    }

    @Test
    void allowedAndExemptPassagesLeaveOnlyAPlateFreeCounter() throws Exception {
        try (var h = cases()) {
            h.processElement(start(read("q1", zone.get(0), BEGINNING, "TK60006"), RegisterAnswer.found(COMPLIANT_DIESEL, null)));
            h.processElement(attach("q1", read("q1b", zone.get(1), ONE_MINUTE_LATER, "TK60006")));
            h.processElement(start(read("q2", zone.get(0), BEGINNING, "TK70007"), RegisterAnswer.found(ELECTRIC, null)));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(EnforcementJob.CASE_ROWS)).isNull();
            List<DecisionCount> counts = h.getSideOutput(EnforcementJob.COUNTS).stream().map(StreamRecord::getValue).toList();
            assertThat(counts).hasSize(2);
            assertThat(counts.get(0).cell()).doesNotContain("TK60006").contains("ALLOWED").contains("diesel").contains("Euro 6");
            assertThat(keyedEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
