package pl.kielce.traffic.signals.sumo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import pl.kielce.traffic.signals.model.Detector;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;

/**
 * Counts as a city has them: per detector and interval (induction-loop output), and per road
 * section and interval (edge counts, {@code left} = vehicles that passed the section's end) for
 * approaches without a detector. Turned into counts per movement and interval.
 */
public final class SumoCounts {
    /** Interval [begin, end) in simulation seconds. */
    public record Interval(double beginSeconds, double endSeconds) {
        public double hours() {
            return (endSeconds - beginSeconds) / 3600.0;
        }
    }

    private final List<Interval> intervals;
    /** detector id → count per interval */
    private final Map<String, double[]> detectorCounts;
    /** edge id → count per interval */
    private final Map<String, double[]> edgeCounts;

    private SumoCounts(List<Interval> intervals, Map<String, double[]> detectorCounts, Map<String, double[]> edgeCounts) {
        this.intervals = intervals;
        this.detectorCounts = detectorCounts;
        this.edgeCounts = edgeCounts;
    }

    public List<Interval> intervals() {
        return intervals;
    }

    /**
     * @param detectorFiles induction-loop output files (several loops may share one)
     * @param edgeDataFile  edgeData output with the same period as the loops
     */
    public static SumoCounts read(List<Path> detectorFiles, Path edgeDataFile) throws IOException {
        Map<String, Map<Double, Double>> det = new HashMap<>();
        Map<String, Map<Double, Double>> edges = new HashMap<>();
        TreeSet<Double> begins = new TreeSet<>();
        Map<Double, Double> ends = new HashMap<>();
        for (Path f : detectorFiles.stream().distinct().toList()) {
            if (!Files.exists(f)) throw new IOException("detector output " + f + " was not written");
            parse(f, (el, r) -> {
                if (!el.equals("interval")) return;
                double b = Double.parseDouble(r.getAttributeValue(null, "begin"));
                double e = Double.parseDouble(r.getAttributeValue(null, "end"));
                begins.add(b);
                ends.merge(b, e, Math::max);
                det.computeIfAbsent(r.getAttributeValue(null, "id"), k -> new HashMap<>())
                        .merge(b, Double.parseDouble(r.getAttributeValue(null, "nVehContrib")), Double::sum);
            });
        }
        double[] currentBegin = {0};
        parse(edgeDataFile, (el, r) -> {
            if (el.equals("interval")) {
                currentBegin[0] = Double.parseDouble(r.getAttributeValue(null, "begin"));
                double e = Double.parseDouble(r.getAttributeValue(null, "end"));
                begins.add(currentBegin[0]);
                ends.merge(currentBegin[0], e, Math::max);
            } else if (el.equals("edge")) {
                String left = r.getAttributeValue(null, "left");
                if (left != null) {
                    edges.computeIfAbsent(r.getAttributeValue(null, "id"), k -> new HashMap<>())
                            .merge(currentBegin[0], Double.parseDouble(left), Double::sum);
                }
            }
        });
        List<Interval> intervals = new ArrayList<>();
        for (double b : begins) intervals.add(new Interval(b, ends.get(b)));
        return new SumoCounts(intervals, toArrays(det, begins), toArrays(edges, begins));
    }

    /**
     * Count per movement (lane) of one intersection in interval i: the lane's detector when it has
     * one; otherwise the edge count minus the lanes of that edge that have detectors, shared
     * equally among the edge's lanes without one.
     */
    public Map<String, Double> movementCounts(Intersection intersection, SumoNet net, int interval) {
        Map<String, Double> perLane = new LinkedHashMap<>();
        Map<String, List<String>> detectorsOfLane = new HashMap<>();
        for (Detector d : intersection.detectors()) {
            for (String m : d.movementIds()) detectorsOfLane.computeIfAbsent(m, k -> new ArrayList<>()).add(d.id());
        }
        for (Movement m : intersection.movements()) {
            List<String> ds = detectorsOfLane.get(m.id());
            if (ds == null) continue;
            double c = 0;
            for (String d : ds) {
                double[] v = detectorCounts.get(d);
                if (v != null) c = Math.max(c, v[interval]); // two loops on one lane count the same vehicles
            }
            perLane.put(m.id(), c);
        }
        Map<String, List<Movement>> undetectedByEdge = new LinkedHashMap<>();
        for (Movement m : intersection.movements()) {
            if (!perLane.containsKey(m.id())) undetectedByEdge.computeIfAbsent(m.approach(), k -> new ArrayList<>()).add(m);
        }
        for (var e : undetectedByEdge.entrySet()) {
            double[] v = edgeCounts.get(e.getKey());
            double edgeCount = v == null ? 0 : v[interval];
            SumoNet.Edge edge = net.edges().get(e.getKey());
            double detected = 0;
            int undetectedLanes = e.getValue().size();
            if (edge != null) {
                // the edge's lanes that have no detector share what the detectors did not count,
                // including lanes that pass the signal without a signalled link
                undetectedLanes = 0;
                for (String lane : edge.laneIds()) {
                    if (perLane.containsKey(lane)) detected += perLane.get(lane);
                    else undetectedLanes++;
                }
                undetectedLanes = Math.max(undetectedLanes, 1);
            }
            double share = Math.max(0, edgeCount - detected) / undetectedLanes;
            for (Movement m : e.getValue()) perLane.put(m.id(), share);
        }
        return perLane;
    }

    /** Mean hourly flow per movement over intervals [from, to). */
    public Map<String, Double> movementFlowsVehPerHour(Intersection intersection, SumoNet net, int from, int to) {
        Map<String, Double> sum = new LinkedHashMap<>();
        double hours = 0;
        for (int i = from; i < to; i++) {
            hours += intervals.get(i).hours();
            movementCounts(intersection, net, i).forEach((k, v) -> sum.merge(k, v, Double::sum));
        }
        double h = hours;
        sum.replaceAll((k, v) -> v / h);
        return sum;
    }

    /** Total count of all detectors and edges in interval i (to find the peak). */
    public double networkCount(int interval) {
        double t = 0;
        for (double[] v : detectorCounts.values()) t += v[interval];
        for (double[] v : edgeCounts.values()) t += v[interval];
        return t;
    }

    private static Map<String, double[]> toArrays(Map<String, Map<Double, Double>> in, TreeSet<Double> begins) {
        List<Double> order = new ArrayList<>(begins);
        Map<String, double[]> out = new HashMap<>();
        in.forEach((id, byBegin) -> {
            double[] v = new double[order.size()];
            byBegin.forEach((b, c) -> v[order.indexOf(b)] = c);
            out.put(id, v);
        });
        return out;
    }

    private interface ElementHandler {
        void on(String element, XMLStreamReader r);
    }

    private static void parse(Path f, ElementHandler h) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(in);
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) h.on(r.getLocalName(), r);
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new IOException(f + ": unreadable SUMO output: " + e.getMessage(), e);
        }
    }
}
