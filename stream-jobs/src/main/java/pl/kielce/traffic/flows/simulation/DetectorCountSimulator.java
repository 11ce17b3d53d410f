package pl.kielce.traffic.flows.simulation;

import pl.kielce.traffic.events.DetectorCount;
import pl.kielce.traffic.flows.ApproachCapacities;
import pl.kielce.traffic.flows.CityModel;
import pl.kielce.traffic.signals.model.Detector;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Realistic detector counts for the detectors of a city's intersection model, in the format the flow job reads
 * ({@link DetectorCount}, approach = the detector's measuring point, {@link CityModel#approachOf}).
 * <p>
 * Demand of a movement at time t = its capacity under the shipped plan (saturation flow × effective green / cycle,
 * the flow job's own arithmetic) × its peak degree of saturation × {@link DemandProfile#shareOfPeak} of the local
 * time of day. Peak degrees: {@code peakDegree} × a per-movement factor drawn once from U(0.7, 1.1) (uneven splits),
 * except the movements of the <b>overloaded approach</b>, which get {@code overloadDegree} (default 1.2: above
 * capacity at the peak, so the flow job raises CONGESTION). A detector's count over a period is Poisson with the mean
 * of its movements' demand (a movement counted by several detectors is shared evenly). Occupancy (illustrative):
 * 1.3 s per vehicle per lane passing the loop + standing time on red growing with the degree of saturation,
 * {@code min(0.95, q_lane·1.3/3600 + (1 − g/C)·0.8·min(1, x)²)}. The {@code silentDetector} reports nothing from
 * {@code silentFrom} on (a failed loop). Deterministic for a seed and a sequence of calls.
 */
public final class DetectorCountSimulator {

    /**
     * @param seed                 random seed
     * @param peakDegree           typical degree of saturation at the peak (0.65; × U(0.7, 1.1) per movement keeps
     *                             ordinary approaches below 0.9 even with the noise of 1-min intervals)
     * @param overloadIntersection intersection of the overloaded approach, null for none
     * @param overloadApproach     approach text of the model (movements whose approach it is are overloaded)
     * @param overloadDegree       degree of saturation of the overloaded approach at the peak (1.2)
     * @param silentDetector       detector that falls silent, null for none
     * @param silentFrom           from when it is silent
     * @param fixedTimeOfDay       demand of this local time of day whatever the clock says, null = the count's own time
     * @param zone                 the city's time zone (Europe/Warsaw)
     */
    public record Settings(long seed, double peakDegree, String overloadIntersection, String overloadApproach,
                           double overloadDegree, String silentDetector, Instant silentFrom, LocalTime fixedTimeOfDay,
                           ZoneId zone) {
        public static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

        public Settings {
            if (!(peakDegree > 0) || !(overloadDegree > 0)) {
                throw new IllegalArgumentException("peakDegree and overloadDegree must be > 0");
            }
            if ((overloadIntersection == null) != (overloadApproach == null)) {
                throw new IllegalArgumentException("overloadIntersection and overloadApproach go together");
            }
            if (silentDetector != null && silentFrom == null) {
                throw new IllegalArgumentException("silentFrom is needed with silentDetector");
            }
            Objects.requireNonNull(zone, "zone");
        }

        public static Settings defaults(long seed) {
            return new Settings(seed, 0.65, null, null, 1.2, null, null, null, WARSAW);
        }

        public Settings withOverload(String intersectionId, String approach, double degree) {
            return new Settings(seed, peakDegree, intersectionId, approach, degree, silentDetector, silentFrom,
                    fixedTimeOfDay, zone);
        }

        public Settings withSilentDetector(String detectorId, Instant from) {
            return new Settings(seed, peakDegree, overloadIntersection, overloadApproach, overloadDegree, detectorId,
                    from, fixedTimeOfDay, zone);
        }

        public Settings withFixedTimeOfDay(LocalTime t) {
            return new Settings(seed, peakDegree, overloadIntersection, overloadApproach, overloadDegree,
                    silentDetector, silentFrom, t, zone);
        }
    }

    /** One simulated detector: where its counts go and its peak-hour demand. */
    public record Site(String detectorId, String intersectionId, String approach, double peakVehPerHour,
                       double capacityVehPerHour, double saturationVehPerHour, int lanes) {
    }

    private final Settings settings;
    private final List<Site> sites;
    private final Random random;

    public DetectorCountSimulator(List<Intersection> model, Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        Random peaks = new Random(settings.seed() * 31 + 7);
        List<Site> out = new ArrayList<>();
        boolean overloadFound = settings.overloadIntersection() == null;
        for (Intersection ix : model) {
            Map<String, Double> capacityOf = ApproachCapacities.movementCapacities(ix);
            Map<String, Integer> countedBy = new HashMap<>();
            ix.detectors().forEach(d -> d.movementIds().forEach(m -> countedBy.merge(m, 1, Integer::sum)));
            Map<String, Double> peakOf = new HashMap<>();
            for (Movement m : ix.movements()) {
                boolean overloaded = ix.id().equals(settings.overloadIntersection())
                        && m.approach().equals(settings.overloadApproach());
                overloadFound |= overloaded;
                double factor = 0.7 + 0.4 * peaks.nextDouble();
                double degree = overloaded ? settings.overloadDegree() : settings.peakDegree() * factor;
                peakOf.put(m.id(), capacityOf.get(m.id()) * degree);
            }
            Map<String, Movement> byId = new HashMap<>();
            ix.movements().forEach(m -> byId.put(m.id(), m));
            for (Detector d : ix.detectors()) {
                double peak = 0;
                double capacity = 0;
                double saturation = 0;
                int lanes = 0;
                for (String mid : d.movementIds()) {
                    Movement m = byId.get(mid);
                    int shared = countedBy.get(mid);
                    peak += peakOf.get(mid) / shared;
                    capacity += capacityOf.get(mid) / shared;
                    saturation += m.saturationFlowVehPerHour() / shared;
                    lanes += m.laneCount();
                }
                out.add(new Site(d.id(), ix.id(), CityModel.approachOf(ix, d), peak, capacity, saturation,
                        Math.max(1, lanes)));
            }
        }
        if (!overloadFound) {
            throw new IllegalArgumentException("overloaded approach '" + settings.overloadApproach() + "' is not an approach of "
                    + settings.overloadIntersection() + " in the model");
        }
        if (settings.silentDetector() != null && out.stream().noneMatch(s -> s.detectorId().equals(settings.silentDetector()))) {
            throw new IllegalArgumentException("silent detector " + settings.silentDetector() + " is not in the model");
        }
        this.sites = List.copyOf(out);
    }

    public List<Site> sites() {
        return sites;
    }

    /** Expected flow of a detector at an instant (veh/h). */
    public double expectedVehPerHour(Site site, Instant at) {
        return site.peakVehPerHour() * DemandProfile.shareOfPeak(hourOfDay(at));
    }

    /** The counts of every reporting detector for the period [start, start + seconds). */
    public List<DetectorCount> countsFor(Instant start, int seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("seconds must be > 0");
        }
        Instant middle = start.plusMillis(seconds * 500L);
        List<DetectorCount> out = new ArrayList<>(sites.size());
        for (Site s : sites) {
            if (s.detectorId().equals(settings.silentDetector()) && !start.isBefore(settings.silentFrom())) {
                continue;
            }
            double mean = expectedVehPerHour(s, middle) * seconds / 3600.0;
            int vehicles = poisson(mean);
            out.add(new DetectorCount(s.detectorId(), s.intersectionId(), s.approach(), start, seconds, vehicles,
                    occupancy(s, vehicles * 3600.0 / seconds)));
        }
        return out;
    }

    static double occupancy(Site s, double flowVehPerHour) {
        double perLane = flowVehPerHour / s.lanes();
        double greenShare = Math.min(1.0, s.capacityVehPerHour() / s.saturationVehPerHour());
        double x = Math.min(1.0, flowVehPerHour / s.capacityVehPerHour());
        double occ = perLane * 1.3 / 3600 + (1 - greenShare) * 0.8 * x * x;
        return Math.max(0, Math.min(0.95, occ));
    }

    private double hourOfDay(Instant at) {
        LocalTime t = settings.fixedTimeOfDay() != null ? settings.fixedTimeOfDay()
                : ZonedDateTime.ofInstant(at, settings.zone()).toLocalTime();
        return t.toSecondOfDay() / 3600.0;
    }

    /** Poisson sample: Knuth's product method below a mean of 30, a rounded normal approximation above. */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean >= 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}
