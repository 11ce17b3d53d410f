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
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.enforcement.CtzFixtures.*;

/** Operator level: passages, decisions and daily cases with real keyed state, timers and broadcast policy. */
class EnforceFunctionHarnessTest {
    static final EnforcementSettings SETTINGS = EnforcementSettings.DEFAULTS.withPassageWindow(Duration.ofMinutes(5));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2027-08-02T12:00:00Z"), ZoneOffset.UTC);
    static final RegisterAnswer OLD = RegisterAnswer.found(OLD_DIESEL, null);
    static final RegisterAnswer COMPLIANT = RegisterAnswer.found(COMPLIANT_DIESEL, null);
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

    static KeyedBroadcastOperatorTestHarness<String, EnrichedRead, PolicyPack, RawRecord> harness() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new EnforceFunction(testPackJson("test-1"), SETTINGS, CLOCK), EnrichedRead::plate, Types.STRING, PolicyUpdates.STATE);
        h.open();
        return h;
    }

    static int keyedEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        var op = (CoBroadcastWithKeyedOperator<?, ?, ?, ?>) h.getOperator();
        return ((HeapKeyedStateBackend<?>) op.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    static int openPassages(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        return ((EnforceFunction) ((CoBroadcastWithKeyedOperator<?, ?, ?, ?>) h.getOperator()).getUserFunction()).openPassages();
    }

    static StreamRecord<EnrichedRead> at(PlateRead r, RegisterAnswer a) {
        return new StreamRecord<>(new EnrichedRead(r, a), r.capturedAtMillis());
    }

    static <T> List<T> values(Queue<StreamRecord<T>> side) {
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    static void advanceTo(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h, Instant t) throws Exception {
        h.processWatermark(new Watermark(t.toEpochMilli()));
        h.processBroadcastWatermark(new Watermark(Long.MAX_VALUE));
    }

    @Test
    void readsOfOneZoneWithinTheWindowAreOnePassageAndStateAndTimersAreClearedAfterwards() throws Exception {
        try (var h = harness()) {
            h.processElement(at(read("a", zone.get(0), BEGINNING, "TK10001"), COMPLIANT));
            h.processElement(at(read("b", zone.get(1), ONE_MINUTE_LATER, "TK10001"), COMPLIANT));  // same passage
            h.processElement(at(read("c", outside.get(0), ONE_MINUTE_LATER, "TK10001"), COMPLIANT)); // its own group
            h.processElement(at(read("d", zone.get(0), BEGINNING.plusSeconds(30), "TK20002"), COMPLIANT));
            List<DecisionCount> counts = values(h.getSideOutput(EnforcementJob.COUNTS));
            assertThat(counts).extracting(DecisionCount::cameraId).containsExactly(zone.get(0), outside.get(0), zone.get(0));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(openPassages(h)).isEqualTo(3);
            assertThat(keyedEntries(h)).isZero();                 // compliant vehicles: nothing in keyed state
            assertThat(h.numEventTimeTimers()).isEqualTo(1);      // one timer for all open passages

            advanceTo(h, BEGINNING.plusSeconds(5 * 60 + 61));     // both passages of TK10001 and TK20002's are over
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(openPassages(h)).isZero();
            assertThat(keyedEntries(h)).isZero();

            // after the window a new read is a new passage
            h.processElement(at(read("e", zone.get(1), TWO_HOURS_LATER, "TK10001"), COMPLIANT));
            assertThat(values(h.getSideOutput(EnforcementJob.COUNTS))).hasSize(4);
        }
    }

    @Test
    void oneViolationPerVehicleZoneAndDayLaterPassagesAttachedAsEvidence() throws Exception {
        try (var h = harness()) {
            h.processElement(at(read("p1", zone.get(0), BEGINNING, "TK50005"), OLD));
            h.processElement(at(read("p1b", zone.get(1), ONE_MINUTE_LATER, "TK50005"), OLD));   // same passage
            h.processElement(at(read("p2", zone.get(0), TWO_HOURS_LATER, "TK50005"), OLD));     // same day
            assertThat(h.numEventTimeTimers()).isEqualTo(2);                                   // the plate's case, the passages
            advanceTo(h, TWO_HOURS_LATER.plusSeconds(3600));                                   // passages over, the case stays
            assertThat(openPassages(h)).isZero();
            assertThat(keyedEntries(h)).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processElement(at(read("p2b", zone.get(1), TWO_HOURS_LATER.plusSeconds(3601), "TK50005"), OLD)); // same day again
            h.processElement(at(read("p3", zone.get(0), NEXT_DAY, "TK50005"), OLD));            // next day: a new case

            List<RawRecord> out = h.extractOutputValues();
            List<Violation> violations = out.stream().filter(k -> k.topic().equals(Topics.CTZ_VIOLATIONS))
                    .map(k -> EventCodec.decode(k.value(), Violation.class).value()).toList();
            assertThat(violations).hasSize(2);
            assertThat(violations.get(0).policyVersion()).isEqualTo("test-1");
            assertThat(violations.get(0).passageRefs()).containsExactly("p1");
            assertThat(violations.get(0).id()).isNotEqualTo(violations.get(1).id());
            assertThat(out.stream().filter(k -> k.topic().equals(Topics.EVIDENCE_CLAIMS))).hasSize(5);
            List<CaseRow> rows = values(h.getSideOutput(EnforcementJob.CASE_ROWS));
            assertThat(rows).extracting(CaseRow::isNewCase).containsExactly(true, false, false, false, true);
            assertThat(rows).extracting(CaseRow::caseId).containsOnly(violations.get(0).id(), violations.get(1).id());
            assertThat(rows.get(1).caseId()).isEqualTo(violations.get(0).id());
            assertThat(rows.get(2).readId()).isEqualTo("p2");
            // decided passages: p1, p2, p2b, p3 (p1b belongs to p1's passage)
            assertThat(values(h.getSideOutput(EnforcementJob.COUNTS))).hasSize(4);

            advanceTo(h, NEXT_DAY.plusSeconds(2 * 24 * 3600));
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(keyedEntries(h)).isZero();
            assertThat(openPassages(h)).isZero();
        }
    }

    @Test
    void aPassageGivesItsCaseAtMostTheSetNumberOfReadsAsEvidence() throws Exception {
        try (var h = harness()) { // evidenceReadsPerPassage = 3 (default)
            for (int i = 0; i < 6; i++) {
                h.processElement(at(read("s" + i, zone.get(i % 2), BEGINNING.plusSeconds(i), "TK90009"), OLD));
            }
            List<CaseRow> rows = values(h.getSideOutput(EnforcementJob.CASE_ROWS));
            assertThat(rows).extracting(CaseRow::isNewCase).containsExactly(true, false, false);
            assertThat(rows).extracting(CaseRow::readId).containsExactly(null, "s1", "s2");
            assertThat(h.extractOutputValues().stream().filter(k -> k.topic().equals(Topics.EVIDENCE_CLAIMS))).hasSize(3);
            // a later passage the same day is attached all the same
            h.processElement(at(read("later", zone.get(0), TWO_HOURS_LATER, "TK90009"), OLD));
            assertThat(values(h.getSideOutput(EnforcementJob.CASE_ROWS))).extracting(CaseRow::readId).endsWith("later");
        }
    }

    @Test
    void allowedAndExemptPassagesLeaveOnlyAPlateFreeCounter() throws Exception {
        try (var h = harness()) {
            h.processElement(at(read("q1", zone.get(0), BEGINNING, "TK60006"), COMPLIANT));
            h.processElement(at(read("q1b", zone.get(1), ONE_MINUTE_LATER, "TK60006"), COMPLIANT));
            h.processElement(at(read("q2", zone.get(0), BEGINNING, "TK70007"), RegisterAnswer.found(ELECTRIC, null)));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(EnforcementJob.CASE_ROWS)).isNull();
            List<DecisionCount> counts = values(h.getSideOutput(EnforcementJob.COUNTS));
            assertThat(counts).hasSize(2);
            assertThat(counts.get(0).cell()).doesNotContain("TK60006").contains("ALLOWED").contains("diesel").contains("Euro 6");
            assertThat(keyedEntries(h)).isZero();
            advanceTo(h, TWO_HOURS_LATER);
            assertThat(openPassages(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void anOccasionalEntryIsRememberedForTheDayThenForgotten() throws Exception {
        String pack = new String(PolicyUpdates.encode(kielceFiles()), StandardCharsets.UTF_8)
                .replace("validFrom: 2027-07-01", "validFrom: 2027-01-01");
        var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new EnforceFunction(pack, SETTINGS, CLOCK), EnrichedRead::plate, Types.STRING, PolicyUpdates.STATE);
        h.open();
        try (h) {
            String camera = zoneCameras(pl.kielce.traffic.ctz.policy.load.PolicyPacks.load(kielcePack())).get(0);
            h.processElement(at(read("o1", camera, BEGINNING, "TK80008"), OLD));
            h.processElement(at(read("o2", camera, TWO_HOURS_LATER, "TK80008"), OLD));   // same day: the day is already used
            List<OccasionalEntry> used = values(h.getSideOutput(EnforcementJob.OCCASIONAL_ENTRIES));
            assertThat(used).containsExactly(new OccasionalEntry("TK80008", "2027-08-02"));
            assertThat(values(h.getSideOutput(EnforcementJob.COUNTS))).extracting(DecisionCount::outcome)
                    .containsExactly("EXEMPT", "EXEMPT");
            assertThat(keyedEntries(h)).isEqualTo(1); // the day used, until the register has it
            advanceTo(h, NEXT_DAY.plusSeconds(24 * 3600));
            assertThat(keyedEntries(h)).isZero();
            assertThat(openPassages(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aReadLaterThanTheAllowedLatenessIsDeadLetteredWithoutItsPlateAndCounted() throws Exception {
        try (var h = harness()) {
            advanceTo(h, TWO_HOURS_LATER);
            h.processElement(at(read("late", zone.get(0), BEGINNING, "TK30003"), OLD));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(EnforcementJob.COUNTS)).isNull();
            var dlq = h.getSideOutput(EnforcementJob.DEAD_LETTERS);
            assertThat(dlq).hasSize(1);
            RawRecord dl = dlq.peek().getValue();
            assertThat(dl.topic()).isEqualTo(Topics.ANPR_READS_DLQ);
            assertThat(new String(dl.value(), StandardCharsets.UTF_8)).contains("late read").doesNotContain("TK30003");
            assertThat(keyedEntries(h)).isZero();
            // within the allowed lateness (10 min) a read is still decided
            h.processElement(at(read("in-time", zone.get(0), TWO_HOURS_LATER.minusSeconds(300), "TK30003"), OLD));
            assertThat(values(h.getSideOutput(EnforcementJob.COUNTS))).hasSize(1);
        }
    }

    @Test
    void openPassagesSurviveARestoreFromACheckpoint() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.processElement(at(read("r1", zone.get(0), BEGINNING, "TK11111"), COMPLIANT));
            h.processElement(at(read("r2", zone.get(0), BEGINNING, "TK22222"), OLD));
            snapshot = h.snapshot(1L, 1L);
        }
        var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new EnforceFunction(testPackJson("test-1"), SETTINGS, CLOCK), List.of(PolicyUpdates.STATE)),
                EnrichedRead::plate, Types.STRING, 1, 1, 0);
        h.initializeState(snapshot);
        h.open();
        try (h) {
            assertThat(openPassages(h)).isEqualTo(2);
            // further reads of both passages: nothing decided again; the violation's passage gets its evidence
            h.processElement(at(read("r1b", zone.get(1), ONE_MINUTE_LATER, "TK11111"), COMPLIANT));
            h.processElement(at(read("r2b", zone.get(1), ONE_MINUTE_LATER, "TK22222"), OLD));
            assertThat(h.getSideOutput(EnforcementJob.COUNTS)).isNull();
            assertThat(values(h.getSideOutput(EnforcementJob.CASE_ROWS))).extracting(CaseRow::readId).containsExactly("r2b");
            advanceTo(h, NEXT_DAY.plusSeconds(2 * 24 * 3600)); // the restored passages expire without a read
            assertThat(openPassages(h)).isZero();
            assertThat(keyedEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aPolicyUpdateChangesTheZonesAtRuntime() throws Exception {
        try (var h = harness()) {
            h.processElement(at(read("a", zone.get(0), BEGINNING, "TK40004"), OLD));
            // stage 1 moved to 2028: on 2027-08-02 no stage is in force, so the camera enforces no zone
            String moved = testPackJson("test-2").replace("validFrom: 2027-07-01", "validFrom: 2028-07-01");
            h.processBroadcastElement(new StreamRecord<>(PolicyPack.of(PolicyUpdates.validate(moved.getBytes(StandardCharsets.UTF_8)).value())));
            h.processElement(at(read("b", zone.get(0), BEGINNING.plusSeconds(10), "TK40005"), OLD));
            List<DecisionCount> counts = values(h.getSideOutput(EnforcementJob.COUNTS));
            assertThat(counts).extracting(DecisionCount::policyVersion).containsExactly("test-1", "test-2");
            assertThat(counts).extracting(DecisionCount::outcome).containsExactly("VIOLATION", "ALLOWED");
            assertThat(counts.get(1).stageId()).isEqualTo("none");
        }
    }
}
