package pl.kielce.traffic.flows.simulation;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.DetectorCount;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.flows.AggregateFlow;
import pl.kielce.traffic.flows.ApproachCapacities;
import pl.kielce.traffic.flows.ApproachFlow;
import pl.kielce.traffic.flows.CameraApproaches;
import pl.kielce.traffic.flows.CityModel;
import pl.kielce.traffic.flows.DecodeObservations;
import pl.kielce.traffic.flows.FlowSettings;
import pl.kielce.traffic.flows.Observation;
import pl.kielce.traffic.signals.city.CityIntersections;
import pl.kielce.traffic.signals.job.SignalModel;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.streams.RawRecord;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DetectorCountSimulatorTest {
    static final Path KIELCE = Path.of(System.getProperty("repo.root", "."), "cities", "kielce");
    static final Instant T0 = Instant.parse("2026-11-27T15:00:00Z"); // 16:00 in Kielce (CET)
    static final String OVERLOADED = "al. IX Wieków Kielc from east";
    final List<Intersection> model = CityModel.load(KIELCE);
    final FlowSettings settings = FlowSettings.DEFAULTS; // 5-min intervals
    final ApproachCapacities caps = ApproachCapacities.fromModel(model, settings);

    DetectorCountSimulator simulator(LocalTime timeOfDay) {
        return new DetectorCountSimulator(model, DetectorCountSimulator.Settings.defaults(7)
                .withOverload("KI-IXW-SOLID", OVERLOADED, 1.2).withFixedTimeOfDay(timeOfDay));
    }

    /** Flows per approach key of one 5-min interval: the counts go through the flow job's decoder and aggregation. */
    Map<String, ApproachFlow> flowsOf(DetectorCountSimulator sim, Instant start) {
        DecodeObservations decode = new DecodeObservations(Observation.DETECTORS, settings, CameraApproaches.NONE, Clock.systemUTC());
        AggregateFlow.Sum sum = new AggregateFlow.Sum();
        Map<String, AggregateFlow.Acc> accs = new TreeMap<>();
        for (int p = 0; p < 20; p++) { // 20 periods of 15 s
            for (DetectorCount c : sim.countsFor(start.plusSeconds(15L * p), 15)) {
                Decoded<Observation> o = decode.decode(RawRecord.of(Topics.TRAFFIC_DETECTOR_COUNTS, EventCodec.encode(c)));
                assertThat(o.isOk()).as("decodes: %s", o.isOk() ? "" : o.reason()).isTrue();
                accs.compute(o.value().approachKey(), (k, a) -> sum.add(o.value(), a == null ? sum.createAccumulator() : a));
            }
        }
        Map<String, ApproachFlow> out = new TreeMap<>();
        long s = start.toEpochMilli();
        accs.forEach((k, a) -> out.put(k, AggregateFlow.flow(a, s, s + 300_000, caps)));
        return out;
    }

    Set<String> measuringPoints() {
        Set<String> out = new HashSet<>();
        model.forEach(ix -> ix.detectors().forEach(d -> out.add(ix.id() + "|" + CityModel.approachOf(ix, d))));
        return out;
    }

    @Test
    void atThePeakOnlyTheOverloadedApproachIsAboveTheCongestionThreshold() {
        DetectorCountSimulator sim = simulator(LocalTime.of(16, 15)); // profile capped at 1.0 here
        Map<String, Double> sumOfX = new TreeMap<>();
        int intervals = 6;
        for (int interval = 0; interval < intervals; interval++) {
            Map<String, ApproachFlow> flows = flowsOf(sim, T0.plusSeconds(300L * interval));
            assertThat(flows.keySet()).containsExactlyInAnyOrderElementsOf(measuringPoints().stream().map(k -> k + "|detectors").toList());
            flows.forEach((key, f) -> {
                assertThat(f.capacityVehPerHour()).as(key).isEqualTo(caps.modelledVehPerHour(f.intersectionId(), f.approach()));
                assertThat(f.occupancy()).as(key).isBetween(0.0, 0.95);
                sumOfX.merge(key, f.degreeOfSaturation(), Double::sum);
                if (key.startsWith("KI-IXW-SOLID|" + OVERLOADED)) {
                    // expectation 1.2: 5 min of ≈ 1540 veh/h × 1.2 ≈ 154 vehicles, Poisson sd ≈ 12 → x ≈ 1.2 ± 0.08
                    assertThat(f.degreeOfSaturation()).as(key).isGreaterThan(0.9);
                }
            });
        }
        sumOfX.forEach((key, sum) -> {
            double meanX = sum / intervals;
            if (key.startsWith("KI-IXW-SOLID|" + OVERLOADED)) {
                assertThat(meanX).as(key).isCloseTo(1.2, within(0.1)); // sd of the mean ≈ 0.03
            } else {
                // 0.65 × U(0.7, 1.1) ∈ [0.455, 0.715] (a detector over two approaches mixes two such movements)
                assertThat(meanX).as(key).isBetween(0.35, 0.8);
            }
        });
    }

    @Test
    void meanCountsFollowTheDemandAndTheTimeOfDay() {
        DetectorCountSimulator peak = simulator(LocalTime.of(16, 15));
        DetectorCountSimulator night = simulator(LocalTime.of(3, 0));
        DetectorCountSimulator.Site site = peak.sites().get(0);
        double expectedPeak = peak.expectedVehPerHour(site, T0) * 15 / 3600; // per 15-s count
        long sumPeak = 0;
        long sumNight = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            sumPeak += peak.countsFor(T0.plusSeconds(15L * i), 15).get(0).vehicles();
            sumNight += night.countsFor(T0.plusSeconds(15L * i), 15).get(0).vehicles();
        }
        // Poisson mean λ: the mean of 2000 counts has sd √(λ/2000) — within 4 sd
        assertThat(sumPeak / (double) n).isCloseTo(expectedPeak, within(4 * Math.sqrt(expectedPeak / n)));
        // 03:00 is ≈ 0.10 of the peak (DemandProfile)
        assertThat(sumNight / (double) sumPeak).isCloseTo(DemandProfile.shareOfPeak(3.0), within(0.02));
        assertThat(DemandProfile.shareOfPeak(3.0)).isCloseTo(0.10, within(0.01));
        assertThat(DemandProfile.shareOfPeak(12.5)).isBetween(0.6, 0.75);
        assertThat(DemandProfile.shareOfPeak(7.75)).isEqualTo(1.0);
    }

    @Test
    void everyDetectorOfTheModelReportsWithAMeasuringPointTheSignalJobUnderstandsUntilOneFallsSilent() throws Exception {
        Instant silentFrom = T0.plusSeconds(60);
        DetectorCountSimulator sim = new DetectorCountSimulator(model, DetectorCountSimulator.Settings.defaults(1)
                .withSilentDetector("KI-WARSZ-CZARN-D3", silentFrom));
        Set<String> modelDetectors = new HashSet<>();
        model.forEach(ix -> ix.detectors().forEach(d -> modelDetectors.add(d.id())));
        List<DetectorCount> before = sim.countsFor(T0, 15);
        assertThat(before).extracting(DetectorCount::detectorId).containsExactlyInAnyOrderElementsOf(modelDetectors);
        SignalModel signals = new SignalModel(CityIntersections.load(KIELCE.resolve("intersections.xml")));
        for (DetectorCount c : before) {
            assertThat(signals.movementShares(c.intersectionId(), c.approach())).as(c.approach()).isNotEmpty();
        }
        assertThat(sim.countsFor(silentFrom.minusSeconds(15), 15)).extracting(DetectorCount::detectorId)
                .contains("KI-WARSZ-CZARN-D3");
        assertThat(sim.countsFor(silentFrom, 15)).extracting(DetectorCount::detectorId)
                .doesNotContain("KI-WARSZ-CZARN-D3").hasSize(modelDetectors.size() - 1);
    }

    @Test
    void sameSeedSameCountsAndUnknownNamesAreRefused() {
        assertThat(simulator(null).countsFor(T0, 15)).isEqualTo(simulator(null).countsFor(T0, 15));
        assertThatThrownBy(() -> new DetectorCountSimulator(model, DetectorCountSimulator.Settings.defaults(1)
                .withOverload("KI-IXW-SOLID", "nowhere", 1.2))).hasMessageContaining("'nowhere' is not an approach of KI-IXW-SOLID");
        assertThatThrownBy(() -> new DetectorCountSimulator(model, DetectorCountSimulator.Settings.defaults(1)
                .withSilentDetector("D-404", T0))).hasMessageContaining("D-404 is not in the model");
    }
}
