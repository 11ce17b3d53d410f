package pl.kielce.traffic.signals.job;

import pl.kielce.traffic.signals.city.CityIntersections;
import pl.kielce.traffic.signals.city.CityIntersections.Corridor;
import pl.kielce.traffic.signals.model.Detector;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The city's signal model as the job uses it: intersections by id, <b>coordination groups</b> (the intersections
 * linked by corridors are planned together, one common cycle; every other intersection is its own group), which
 * movements a flow's approach stands for, and the shipped plans.
 */
public final class SignalModel {
    private final Map<String, Intersection> byId = new LinkedHashMap<>();
    private final List<Corridor> corridors;
    private final Map<String, String> groupOf = new HashMap<>();
    private final Map<String, List<String>> members = new LinkedHashMap<>();

    public SignalModel(CityIntersections.CityModel city) {
        city.intersections().forEach(ix -> byId.put(ix.id(), ix));
        this.corridors = List.copyOf(city.corridors());
        // union of corridors sharing an intersection → one group named after the first corridor
        for (Intersection ix : city.intersections()) {
            groupOf.put(ix.id(), ix.id());
        }
        for (Corridor c : corridors) {
            Set<String> joined = new LinkedHashSet<>();
            for (String id : c.intersectionIds()) {
                joined.add(groupOf.get(id));
            }
            String group = joined.stream().filter(g -> g.startsWith("corridor:")).findFirst().orElse("corridor:" + c.id());
            groupOf.replaceAll((id, g) -> joined.contains(g) ? group : g);
        }
        for (Intersection ix : city.intersections()) {
            members.computeIfAbsent(groupOf.get(ix.id()), g -> new ArrayList<>()).add(ix.id());
        }
    }

    public static SignalModel load(Path intersectionsXml) throws IOException {
        return new SignalModel(CityIntersections.load(intersectionsXml));
    }

    public Optional<Intersection> intersection(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Intersection require(String id) {
        Intersection ix = byId.get(id);
        if (ix == null) {
            throw new IllegalArgumentException("no intersection " + id + " in the signal model");
        }
        return ix;
    }

    public List<Intersection> intersections() {
        return List.copyOf(byId.values());
    }

    /** The coordination group of an intersection; an unknown id is its own group. */
    public String groupOf(String intersectionId) {
        return groupOf.getOrDefault(intersectionId, intersectionId);
    }

    /** Members of a group in model order (empty for an unknown group). */
    public List<String> members(String group) {
        return members.getOrDefault(group, List.of());
    }

    /** The corridors of a group, in file order (empty for a single intersection). */
    public List<Corridor> corridorsOfGroup(String group) {
        return corridors.stream().filter(c -> group.equals(groupOf(c.intersectionIds().get(0)))).toList();
    }

    /**
     * Which movements a flow's {@code approach} stands for, with the share of the approach's flow each carries:
     * the movements of that approach text counted by detectors measuring only that approach (all of the approach's
     * movements when no detector does), shared in proportion to their saturation flow — the flows topic has no
     * per-movement split; else the movement with that id; else the movements of the detector with that id (a detector
     * spanning approaches reports under its id; split evenly, as the model says). Empty when it matches nothing.
     */
    public Map<String, Double> movementShares(String intersectionId, String approach) {
        Intersection ix = byId.get(intersectionId);
        Map<String, Double> out = new LinkedHashMap<>();
        if (ix == null || approach == null) {
            return out;
        }
        // the movements counted at this measuring point: those of the detectors whose movements all come from this
        // approach (a detector spanning approaches reports under its own id, as the flow job's CityModel does); when
        // no detector measures the approach (e.g. a camera count), all its movements
        Set<String> measured = new LinkedHashSet<>();
        for (Detector d : ix.detectors()) {
            if (d.movementIds().stream().allMatch(id -> ix.movements().get(ix.movementIndex(id)).approach().equals(approach))) {
                measured.addAll(d.movementIds());
            }
        }
        double total = 0;
        for (Movement m : ix.movements()) {
            if (m.approach().equals(approach) && (measured.isEmpty() || measured.contains(m.id()))) {
                out.put(m.id(), m.saturationFlowVehPerHour());
                total += m.saturationFlowVehPerHour();
            }
        }
        if (!out.isEmpty()) {
            final double t = total;
            out.replaceAll((k, v) -> v / t);
            return out;
        }
        for (Movement m : ix.movements()) {
            if (m.id().equals(approach)) {
                out.put(m.id(), 1.0);
                return out;
            }
        }
        for (Detector d : ix.detectors()) {
            if (d.id().equals(approach)) {
                d.movementIds().forEach(id -> out.put(id, 1.0 / d.movementIds().size()));
                return out;
            }
        }
        return out;
    }

    /** Approach names of the intersection (what a flow's {@code approach} should say), for error messages. */
    public Set<String> approaches(String intersectionId) {
        Set<String> out = new LinkedHashSet<>();
        Intersection ix = byId.get(intersectionId);
        if (ix != null) {
            ix.movements().forEach(m -> out.add(m.approach()));
        }
        return out;
    }

    /** Movements a detector of the intersection measures: an interval is complete when all of them have a flow. */
    public Set<String> detectedMovements(String intersectionId) {
        Set<String> out = new LinkedHashSet<>();
        Intersection ix = byId.get(intersectionId);
        if (ix != null) {
            ix.detectors().forEach(d -> out.addAll(d.movementIds()));
        }
        return out;
    }

    /** Great-circle distance in metres between two intersections (NaN when one has no coordinates). */
    public double distanceMetres(String fromId, String toId) {
        Intersection a = require(fromId);
        Intersection b = require(toId);
        return haversineMetres(a.latitude(), a.longitude(), b.latitude(), b.longitude());
    }

    static double haversineMetres(double lat1, double lon1, double lat2, double lon2) {
        double r = 6_371_008.8;
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /**
     * The model as bytes of its XML file, for Flink functions (the model types are not {@link Serializable}; the job's
     * client reads the file once, every task parses the same bytes, so a cluster needs no city folder on its workers).
     */
    public record Source(String fileName, byte[] xml) implements Serializable {
        public static Source read(Path file) {
            try {
                return new Source(file.getFileName().toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the signal model " + file, e);
            }
        }

        public SignalModel load() {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("signal-model-", "-" + fileName);
                Files.write(tmp, xml);
                return SignalModel.load(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the signal model " + fileName + ": " + e.getMessage(), e);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a temp file left behind
                    }
                }
            }
        }
    }
}
