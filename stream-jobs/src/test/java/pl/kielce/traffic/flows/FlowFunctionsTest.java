package pl.kielce.traffic.flows;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.DetectorCount;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.PassageCount;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.RawRecord;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlowFunctionsTest {
    static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    final CameraApproaches sites = new CameraApproaches(Map.of("cam-1", new CameraApproaches.Site("ix-1", "N")));
    final DecodeObservations decode = new DecodeObservations("detectors", FlowSettings.DEFAULTS, sites, Clock.systemUTC());
    final DecodeObservations decodePassages = new DecodeObservations("camera", FlowSettings.DEFAULTS, sites, Clock.systemUTC());

    @Test
    void detectorCountBecomesObservation() {
        byte[] json = EventCodec.encode(new DetectorCount("d1", "ix-1", "N", T0, 60, 12, 0.25));
        Decoded<Observation> o = decode.decode(RawRecord.of(Topics.TRAFFIC_DETECTOR_COUNTS, json));
        assertThat(o.value()).isEqualTo(new Observation("detectors", "d1", "ix-1", "N", T0.toEpochMilli(), 60, 12, 0.25));
    }

    @Test
    void passageCountIsAttributedToTheCameraSiteOrToTheCameraItself() {
        byte[] mapped = EventCodec.encode(new PassageCount("cam-1", T0, T0.plusSeconds(300), 40));
        byte[] unmapped = EventCodec.encode(new PassageCount("cam-9", T0, T0.plusSeconds(300), 7));
        Observation a = decodePassages.decode(RawRecord.of(Topics.COUNTS_PASSAGES, mapped)).value();
        Observation b = decodePassages.decode(RawRecord.of(Topics.COUNTS_PASSAGES, unmapped)).value();
        assertThat(a.approachKey()).isEqualTo("ix-1|N|camera");
        assertThat(a.occupancy()).isNaN();
        assertThat(b.approachKey()).isEqualTo("cam-9|cam-9|camera");
    }

    @Test
    void badRecordsGetAReason() {
        assertThat(decode.decode(RawRecord.of(Topics.TRAFFIC_DETECTOR_COUNTS, "{".getBytes(StandardCharsets.UTF_8))).reason())
                .startsWith("malformed JSON for DetectorCount");
        String negative = new String(EventCodec.encode(new DetectorCount("d1", "ix-1", "N", T0, 60, 12, 0.25)),
                StandardCharsets.UTF_8).replace("\"vehicles\":12", "\"vehicles\":-3");
        assertThat(decode.decode(RawRecord.of(Topics.TRAFFIC_DETECTOR_COUNTS, negative.getBytes(StandardCharsets.UTF_8))).reason())
                .contains("vehicles");
        byte[] tooLong = EventCodec.encode(new DetectorCount("d1", "ix-1", "N", T0, 7200, 12, 0.25));
        assertThat(decode.decode(RawRecord.of(Topics.TRAFFIC_DETECTOR_COUNTS, tooLong)).reason())
                .isEqualTo("counted period of 7200 s is longer than 3600 s: not a flow measurement");
    }

    @Test
    void aCountSpanningSeveralIntervalsIsCutAtTheirBoundariesKeepingTheTotal() {
        long t0 = T0.toEpochMilli();
        // a camera's 5-minute count of 7 passages in 1-minute flow intervals: 7 × k/5 rounded = 1, 3, 4, 6, 7 → 1,2,1,2,1
        Observation five = new Observation("camera", "cam-1", "ix-1", "N", t0, 300, 7, Double.NaN);
        assertThat(five.splitAt(60_000)).extracting(Observation::startEpochMs, Observation::seconds, Observation::vehicles)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(t0, 60, 1L), org.assertj.core.groups.Tuple.tuple(t0 + 60_000, 60, 2L),
                        org.assertj.core.groups.Tuple.tuple(t0 + 120_000, 60, 1L), org.assertj.core.groups.Tuple.tuple(t0 + 180_000, 60, 2L),
                        org.assertj.core.groups.Tuple.tuple(t0 + 240_000, 60, 1L));
        // a 60-s detector count starting at :30 → 30 s in each of two intervals, 9 vehicles → 5 (4.5 rounded) + 4
        Observation offset = new Observation("detectors", "d1", "ix-1", "N", t0 + 30_000, 60, 9, 0.2);
        assertThat(offset.splitAt(60_000)).extracting(Observation::startEpochMs, Observation::seconds, Observation::vehicles)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(t0 + 30_000, 30, 5L), org.assertj.core.groups.Tuple.tuple(t0 + 60_000, 30, 4L));
        // inside one interval: unchanged
        Observation inside = new Observation("detectors", "d1", "ix-1", "N", t0, 60, 9, 0.2);
        assertThat(inside.splitAt(300_000)).containsExactly(inside);
    }

    @Test
    void flowIsTheMeanRatePerSourceTimesSourcesAndSaturationUsesCapacity() {
        AggregateFlow.Sum sum = new AggregateFlow.Sum();
        AggregateFlow.Acc acc = sum.createAccumulator();
        long start = T0.toEpochMilli();
        // two detectors of one approach: d1 all 5 minutes (30 veh, occupancy 0.2), d2 only 2.5 minutes (20 veh, 0.4)
        for (int m = 0; m < 5; m++) {
            acc = sum.add(new Observation("detectors", "d1", "ix-1", "N", start + m * 60_000L, 60, 6, 0.2), acc);
        }
        acc = sum.add(new Observation("detectors", "d2", "ix-1", "N", start, 150, 20, 0.4), acc);
        ApproachFlow f = AggregateFlow.flow(acc, start, start + 300_000, ApproachCapacities.defaults(FlowSettings.DEFAULTS));
        // 50 vehicles over 450 source-seconds, 2 sources: mean 225 s per source → 50 × 3600 / 225 = 800 veh/h
        assertThat(f.flowVehPerHour()).isEqualTo(800.0);
        assertThat(f.vehicles()).isEqualTo(50);
        assertThat(f.occupancy()).isCloseTo((0.2 * 300 + 0.4 * 150) / 450, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.capacityVehPerHour()).isEqualTo(1600.0); // 2 lanes × 800 (no model)
        assertThat(f.degreeOfSaturation()).isEqualTo(0.5);
        assertThat(f.coverage()).isEqualTo(0.75);
        assertThat(f.toJson()).contains("\"flowVehPerHour\":800.0", "\"degreeOfSaturation\":0.5", "\"lon\":null",
                "\"intervalStart\":\"2026-11-28T08:00:00Z\"");
    }

    @Test
    void alertJsonIsShapedLikeTheTransitAlerts() {
        FlowAlert a = new FlowAlert(FlowAlert.Kind.SILENT_DETECTOR, "flows:silent:x", "ix-1", "N", "d1", Double.NaN, 0,
                T0.toEpochMilli(), "Detector d1 silent", Double.NaN, Double.NaN);
        assertThat(a.toJson()).startsWith("{\"schemaVersion\":\"1.0\",\"source\":\"flows\",\"kind\":\"SILENT_DETECTOR\"")
                .contains("\"detectorId\":\"d1\"", "\"observedAt\":\"2026-11-28T08:00:00Z\"", "\"message\":\"Detector d1 silent\"")
                .doesNotContain("\"lon\"", "degreeOfSaturation");
        FlowAlert congestion = new FlowAlert(FlowAlert.Kind.CONGESTION, "flows:congestion:x", "ix-1", "N \"north\"", null,
                1.234567, 3, T0.toEpochMilli(), "Approach N\ncongested", 20.6425, 50.8736);
        // the shared event type: round trip, escaping, 4 decimals, location for the console's map
        String json = congestion.toJson();
        assertThat(json).contains("\"severity\":\"WARNING\"", "\"approach\":\"N \\\"north\\\"\"",
                "\"degreeOfSaturation\":1.2346", "\"intervals\":3", "\"message\":\"Approach N\\ncongested\"",
                "\"lon\":20.6425", "\"lat\":50.8736");
        assertThat(pl.kielce.traffic.events.EventCodec.decode(json, pl.kielce.traffic.events.TrafficAlert.class).value())
                .isEqualTo(congestion.toAlert());
    }
}
