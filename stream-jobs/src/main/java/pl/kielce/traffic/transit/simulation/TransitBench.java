package pl.kielce.traffic.transit.simulation;

import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.transit.adherence.AdherenceSettings;
import pl.kielce.traffic.transit.adherence.DelayPredictor;
import pl.kielce.traffic.transit.adherence.TripMatcher;
import pl.kielce.traffic.transit.adherence.TripProgress;
import pl.kielce.traffic.transit.adherence.TripUpdateFactory;
import pl.kielce.traffic.transit.adherence.VehicleObservation;
import pl.kielce.traffic.transit.adherence.VehiclePositionDecoder;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.GtfsReader;
import pl.kielce.traffic.transit.schedule.GtfsTime;
import pl.kielce.traffic.transit.schedule.ScheduledTrip;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code ./traffic transit bench}: on a real timetable, simulated positions of a morning peak are decoded,
 * matched, propagated and turned into TripUpdates, timed per position; side by side with the baseline
 * (matching without the route index: every trip of the day is a candidate). Also reports accuracy
 * against the simulator's true delays. Prints a Markdown table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Per-position cost and accuracy of trip matching on a real GTFS, against a brute-force baseline")
public final class TransitBench implements Callable<Integer> {
    @Option(names = "--gtfs", required = true)
    Path gtfs;

    @Option(names = "--start", defaultValue = "07:30:00")
    String start;

    @Option(names = "--minutes", defaultValue = "30")
    int minutes;

    @Option(names = "--rounds", defaultValue = "5", description = "timed rounds per variant (after one warm-up)")
    int rounds;

    @Override
    public Integer call() {
        double[] loads = new double[3];
        GtfsFeed feed = null;
        for (int i = 0; i < loads.length; i++) {
            long t0 = System.nanoTime();
            feed = GtfsReader.read(gtfs);
            loads[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(loads);
        LocalDate date = FleetSimulator.busiestDate(feed, 14);
        int from = GtfsTime.parseSeconds(start);
        int to = from + minutes * 60;
        var withIds = new FleetSimulator(feed, date, from - 3600, to, Set.of(), 0, DelayModel.URBAN, 42, true);
        var withoutIds = new FleetSimulator(feed, date, from - 3600, to, Set.of(), 0, DelayModel.URBAN, 42, false);
        List<FleetSimulator.Report> truth = new ArrayList<>();
        List<VehicleObservation> idObs = new ArrayList<>();
        List<VehicleObservation> routeObs = new ArrayList<>();
        for (int s = from; s <= to; s += 30) {
            var a = withIds.positionsAt(s);
            var b = withoutIds.positionsAt(s);
            for (int i = 0; i < a.size(); i++) {
                truth.add(a.get(i));
                idObs.add(decode(a.get(i)));
                routeObs.add(decode(b.get(i)));
            }
        }
        AdherenceSettings settings = AdherenceSettings.DEFAULTS;
        TripMatcher matcher = new TripMatcher(feed, settings);
        DelayPredictor predictor = new DelayPredictor(settings);
        GtfsFeed f = feed;
        BruteForceMatcher brute = new BruteForceMatcher(feed, settings);

        System.out.printf("%n%s: %d trips, %d stops; service date %s, %s–%s: %d simulated positions of %d trips%n%n",
                gtfs.getFileName(), feed.tripCount(), feed.stopCount(), date, GtfsTime.format(from), GtfsTime.format(to),
                idObs.size(), withIds.trips().size());
        System.out.println("| step | per position | positions/s (1 thread) |");
        System.out.println("|---|---|---|");
        row("match, trip id given", time(idObs, o -> matcher.match(o, null)));
        row("match, route + position + time", time(routeObs, o -> matcher.match(o, null)));
        List<VehicleObservation> sample = routeObs.subList(0, Math.min(routeObs.size(), 200));
        row("baseline: match without the route index (all trips of the feed; " + sample.size() + " positions)",
                time(sample, brute::match));
        row("match + predict + TripUpdate bytes (trip id)", time(idObs, o -> {
            Decoded<TripProgress> m = matcher.match(o, null);
            return m.isOk() ? TripUpdateFactory.tripUpdate(m.value(), predictor.predict(m.value()), o.vehicleId(),
                    o.timestampEpochSeconds(), f.zone()).toByteArray() : null;
        }));
        System.out.printf("%nGTFS read (median of 3): %.0f ms%n", loads[1]);

        int ok = 0;
        int within30 = 0;
        int rightTrip = 0;
        int bruteRight = 0;
        for (int i = 0; i < truth.size(); i++) {
            Decoded<TripProgress> m = matcher.match(idObs.get(i), null);
            if (m.isOk()) {
                ok++;
                if (Math.abs(m.value().delaySeconds() - truth.get(i).fix().trueDelaySeconds()) <= 30) {
                    within30++;
                }
            }
            String trueTrip = truth.get(i).trip().trip().id();
            Decoded<TripProgress> r = matcher.match(routeObs.get(i), null);
            if (r.isOk() && r.value().trip().id().equals(trueTrip)) {
                rightTrip++;
            }
            if (i < sample.size()) {
                Decoded<TripProgress> bm = brute.match(routeObs.get(i));
                if (bm.isOk() && bm.value().trip().id().equals(trueTrip)) {
                    bruteRight++;
                }
            }
        }
        int n = truth.size();
        System.out.printf("Accuracy against the simulator's truth (%d positions, single positions, no history):%n", n);
        System.out.printf("- trip id given: matched %.1f %%, delay within 30 s %.1f %%%n", 100.0 * ok / n, 100.0 * within30 / n);
        System.out.printf("- route + position + time: right trip %.1f %%; baseline without route (first %d) %.1f %%%n",
                100.0 * rightTrip / n, sample.size(), 100.0 * bruteRight / sample.size());
        return 0;
    }

    private static VehicleObservation decode(FleetSimulator.Report r) {
        byte[] bytes = FeedMessage.newBuilder().setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0"))
                .addEntity(r.entity()).build().toByteArray();
        return VehiclePositionDecoder.decode(bytes).value().get(0).observation().value();
    }

    private double time(List<VehicleObservation> obs, Function<VehicleObservation, Object> f) {
        Object sink = null;
        for (VehicleObservation o : obs) {
            sink = f.apply(o); // warm-up
        }
        double[] perPositionNanos = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (VehicleObservation o : obs) {
                sink = f.apply(o);
            }
            perPositionNanos[r] = (System.nanoTime() - t0) / (double) obs.size();
        }
        if (sink == this) {
            System.out.print("");
        }
        Arrays.sort(perPositionNanos);
        return perPositionNanos[rounds / 2];
    }

    private static void row(String name, double nanos) {
        System.out.printf("| %s | %.1f µs | %,.0f |%n", name, nanos / 1000, 1e9 / nanos);
    }

    /** The baseline: every trip running that day is a candidate (what matching costs without a route index). */
    static final class BruteForceMatcher {
        private final GtfsFeed feed;
        private final TripMatcher matcher;
        private final List<ScheduledTrip> all;

        BruteForceMatcher(GtfsFeed feed, AdherenceSettings settings) {
            this.feed = feed;
            this.matcher = new TripMatcher(feed, settings);
            this.all = List.copyOf(feed.trips());
        }

        Decoded<TripProgress> match(VehicleObservation o) {
            Decoded<TripProgress> best = Decoded.failed("no trip fits");
            for (ScheduledTrip t : all) {
                Decoded<TripProgress> m = matcher.match(new VehicleObservation(o.vehicleId(), t.id(), null, -1, null,
                        o.latDegrees(), o.lonDegrees(), o.timestampEpochSeconds()), null);
                if (m.isOk() && (!best.isOk() || score(m.value()) < score(best.value()))) {
                    best = m;
                }
            }
            return best;
        }

        private static double score(TripProgress p) {
            return Math.abs(p.delaySeconds()) + p.offRouteMeters();
        }
    }
}
