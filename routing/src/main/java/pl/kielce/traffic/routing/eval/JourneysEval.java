package pl.kielce.traffic.routing.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import pl.kielce.traffic.routing.journeys.JourneyPlanner;
import pl.kielce.traffic.routing.journeys.JourneyRequest;
import pl.kielce.traffic.routing.journeys.LatLon;
import pl.kielce.traffic.routing.street.StreetGraph;
import pl.kielce.traffic.routing.transit.gtfs.GtfsReader;
import pl.kielce.traffic.routing.transit.model.Timetable;
import pl.kielce.traffic.routing.transit.scan.ConnectionScanRouter;
import pl.kielce.traffic.routing.transit.scan.Journey;
import pl.kielce.traffic.routing.transit.scan.TransitNetwork;
import pl.kielce.traffic.routing.transit.scan.WalkSettings;

/**
 * {@code ./traffic journeys eval --osm FILE --gtfs FILE --queries CSV [--baseline graphhopper] [--graph-dir DIR]}:
 * replays reference queries through the planner with the API's default settings and prints the share
 * arriving no later than the reference + 60 s, routes not found, the longest walk and latency p50/p99.
 * With {@code --baseline graphhopper} GraphHopper 10.2's own PT router (as shipped) runs on the same
 * queries in the same process, side by side. The last line is machine readable.
 */
public final class JourneysEval {

    /** Outcome of one engine on one query. */
    record Outcome(LocalDateTime arrival, int longestWalkMeters, double millis) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path osm = Path.of(require(opt, "osm"));
        Path gtfs = Path.of(require(opt, "gtfs"));
        Path queries = Path.of(require(opt, "queries"));
        Path graphDir = Path.of(opt.getOrDefault("graph-dir", System.getProperty("java.io.tmpdir") + "/traffic-routing-graph"));
        List<ReferenceQuery> qs = ReferenceQuery.read(queries);

        long t = System.nanoTime();
        Timetable tt = GtfsReader.read(gtfs);
        TransitNetwork network = new TransitNetwork(tt, WalkSettings.from(System::getProperty));
        StreetGraph streets = StreetGraph.open(osm, graphDir.resolve("street"));
        JourneyPlanner planner = new JourneyPlanner(new ConnectionScanRouter(network, true), streets);
        System.out.printf(Locale.ROOT, "loaded %d stops, %d trips, %d footpaths, street graph %s in %.1f s%n",
                tt.stopCount(), tt.tripCount(), network.footpathCount(), graphDir, (System.nanoTime() - t) / 1e9);

        Function<ReferenceQuery, Outcome> csa = q -> {
            long s = System.nanoTime();
            var plan = planner.plan(JourneyRequest.departAt(new LatLon(q.fromLat(), q.fromLon()), new LatLon(q.toLat(), q.toLon()), q.departure()));
            double ms = (System.nanoTime() - s) / 1e6;
            if (plan.itineraries().isEmpty()) {
                return new Outcome(null, 0, ms);
            }
            var best = plan.itineraries().get(0);
            int walk = best.legs().stream().filter(l -> "WALK".equals(l.mode())).mapToInt(l -> l.distanceMeters() == null ? 0 : l.distanceMeters()).max().orElse(0);
            return new Outcome(best.arrival().toLocalDateTime(), walk, ms);
        };

        if (opt.containsKey("explain")) {
            for (ReferenceQuery q : qs) {
                if (q.id().contains(opt.get("explain"))) {
                    System.out.println(q);
                    var plan = planner.plan(JourneyRequest.departAt(new LatLon(q.fromLat(), q.fromLon()), new LatLon(q.toLat(), q.toLon()), q.departure()));
                    for (var it : plan.itineraries()) {
                        System.out.println("itinerary " + it.departure() + " -> " + it.arrival() + " transfers " + it.transfers());
                        for (var l : it.legs()) {
                            System.out.println("  " + l.mode() + " " + (l.routeShortName() == null ? "" : l.routeShortName() + " ") + l.departure().toLocalTime() + " "
                                    + l.from().name() + " [" + l.from().stopId() + "] -> " + l.arrival().toLocalTime() + " " + l.to().name() + " [" + l.to().stopId() + "]"
                                    + (l.distanceMeters() == null ? "" : " " + l.distanceMeters() + " m"));
                        }
                    }
                }
            }
            return;
        }
        String baseline = opt.get("baseline");
        if ("graphhopper".equals(baseline)) {
            GraphHopperPtBaseline gh = GraphHopperPtBaseline.open(osm, gtfs, graphDir.resolve("graphhopper-pt-" + GtfsReader.sha256(gtfs).substring(0, 12)));
            Summary b;
            try {
                b = run("graphhopper-10.2-pt (as shipped)", qs, gh::route);
            } finally {
                gh.close();
            }
            Summary c = run("connection-scan (this module)", qs, csa);
            b.print();
            c.print();
            c.printMachineLine();
        } else {
            if (opt.containsKey("raw")) {
                Summary raw = run("connection-scan, no names/geometry", qs, q -> {
                    long s = System.nanoTime();
                    var js = planner.journeys(JourneyRequest.departAt(new LatLon(q.fromLat(), q.fromLon()), new LatLon(q.toLat(), q.toLon()), q.departure()));
                    return new Outcome(js.isEmpty() ? null : q.departure().toLocalDate().atStartOfDay().plusSeconds(js.get(0).arrivalSeconds()), 0, (System.nanoTime() - s) / 1e6);
                });
                raw.print();
                for (int i = 0; i < qs.size(); i++) {
                    if (raw.outs().get(i).millis() > 20) {
                        System.out.printf(Locale.ROOT, "slow %s %.1f ms%n", qs.get(i).id(), raw.outs().get(i).millis());
                    }
                }
            }
            Summary c = run("connection-scan (this module)", qs, csa);
            c.print();
            if (opt.containsKey("misses")) {
                c.printMisses();
            }
            c.printMachineLine();
        }
        streets.close();
    }

    static Summary run(String name, List<ReferenceQuery> qs, Function<ReferenceQuery, Outcome> engine) {
        // warm-up pass (JIT, per-day connection arrays), then the measured pass
        for (ReferenceQuery q : qs) {
            engine.apply(q);
        }
        List<Outcome> outs = new ArrayList<>();
        for (ReferenceQuery q : qs) {
            outs.add(engine.apply(q));
        }
        return new Summary(name, qs, outs);
    }

    record Summary(String name, List<ReferenceQuery> qs, List<Outcome> outs) {
        int within() {
            int n = 0;
            for (int i = 0; i < qs.size(); i++) {
                Outcome o = outs.get(i);
                if (o.arrival() != null && !o.arrival().isAfter(qs.get(i).referenceArrival().plusSeconds(60))) {
                    n++;
                }
            }
            return n;
        }

        int noRoute() {
            return (int) outs.stream().filter(o -> o.arrival() == null).count();
        }

        int maxWalk() {
            return outs.stream().mapToInt(Outcome::longestWalkMeters).max().orElse(0);
        }

        double pct(double p) {
            double[] ms = outs.stream().mapToDouble(Outcome::millis).sorted().toArray();
            if (ms.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * ms.length) - 1;
            return ms[Math.max(0, Math.min(ms.length - 1, i))];
        }

        long walksOver(int meters) {
            return outs.stream().filter(o -> o.longestWalkMeters() > meters).count();
        }

        void print() {
            System.out.printf(Locale.ROOT, "%s: within reference+60s %d/%d = %.1f%%, no route %d, longest walk %d m, walks > 1 km %d, latency p50 %.1f ms p99 %.1f ms%n",
                    name, within(), qs.size(), 100.0 * within() / qs.size(), noRoute(), maxWalk(), walksOver(1000), pct(50), pct(99));
        }

        void printMisses() {
            for (int i = 0; i < qs.size(); i++) {
                Outcome o = outs.get(i);
                ReferenceQuery q = qs.get(i);
                if (o.arrival() == null || o.arrival().isAfter(q.referenceArrival().plusSeconds(60))) {
                    System.out.println("miss " + q.id() + " dep " + q.departure() + " ref " + q.referenceArrival() + " got " + o.arrival()
                            + (o.arrival() == null ? "" : " (+" + Duration.between(q.referenceArrival(), o.arrival()).toMinutes() + " min)"));
                }
            }
        }

        void printMachineLine() {
            System.out.printf(Locale.ROOT, "within_60s=%.3f no_route=%d queries=%d max_walk_m=%d p50_ms=%.1f p99_ms=%.1f%n",
                    (double) within() / qs.size(), noRoute(), qs.size(), maxWalk(), pct(50), pct(99));
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (options: " + Arrays.toString(args) + ")");
            }
            String key = a.substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(key, args[++i]);
            } else {
                m.put(key, "true");
            }
        }
        return m;
    }

    static String require(Map<String, String> opt, String key) {
        String v = opt.get(key);
        if (v == null || v.equals("true")) {
            System.err.println("missing --" + key + " FILE");
            System.exit(2);
        }
        return v;
    }
}
