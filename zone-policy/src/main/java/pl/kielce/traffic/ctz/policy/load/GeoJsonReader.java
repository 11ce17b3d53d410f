package pl.kielce.traffic.ctz.policy.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.yaml.snakeyaml.nodes.Node;
import pl.kielce.traffic.ctz.policy.Camera;
import pl.kielce.traffic.ctz.policy.Zone;

/** Reads the pack's zones and cameras GeoJSON (WGS 84 lon/lat) with problems naming the feature. */
final class GeoJsonReader {
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final Set<String> COLLECTION = Set.of("type", "name", "note", "features", "crs", "bbox");
    private static final Set<String> FEATURE = Set.of("type", "id", "geometry", "properties", "bbox");
    private static final Set<String> GEOMETRY = Set.of("type", "coordinates", "bbox");

    private final Nodes nodes;
    /** Every feature id seen, including those whose geometry was rejected (already reported). */
    final Set<String> declaredIds = new java.util.LinkedHashSet<>();

    GeoJsonReader(Nodes nodes) { this.nodes = nodes; }

    /** Features of a FeatureCollection, or null after a problem. */
    private List<Node> features(String text) {
        Node root = nodes.parse(text);
        if (root == null) return null;
        Map<String, Node> f = nodes.fields(root, "(top level)", COLLECTION);
        if (f == null) return null;
        String type = f.get("type") == null ? null : nodes.text(f.get("type"), "type");
        if (!"FeatureCollection".equals(type)) {
            nodes.problem(root, "type", "the file is not a GeoJSON FeatureCollection (type is " + (type == null ? "missing" : "\"" + type + "\"") + ")",
                    "start the file with {\"type\": \"FeatureCollection\", \"features\": [ … ]}");
            return null;
        }
        if (f.get("features") == null) {
            nodes.problem(root, "features", "the collection has no \"features\" list", "add \"features\": [ … ] with one Feature per area or camera");
            return null;
        }
        return nodes.list(f.get("features"), "features");
    }

    private static String label(int i, String id) { return "feature #" + (i + 1) + (id == null ? "" : " \"" + id + "\""); }

    List<Zone> zones(String text) {
        List<Node> features = features(text);
        List<Zone> out = new ArrayList<>();
        if (features == null) return out;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            Node fn = features.get(i);
            Map<String, Node> f = nodes.fields(fn, label(i, null), FEATURE);
            if (f == null) continue;
            Map<String, Node> props = f.get("properties") == null ? Map.of() : nodes.fields(f.get("properties"), label(i, null) + ".properties", anyKeys(f.get("properties")));
            if (props == null) continue;
            String id = props.get("id") == null ? null : nodes.text(props.get("id"), label(i, null) + ".properties.id");
            String where = label(i, id);
            if (id == null) {
                nodes.problem(fn, where, "the zone has no properties.id", "add \"properties\": {\"id\": \"centre\", \"name\": \"…\"}; stages refer to zones by this id");
                continue;
            }
            declaredIds.add(id);
            if (!ids.add(id)) nodes.problem(fn, where, "the zone id \"" + id + "\" is used by an earlier feature too", "give every zone its own id");
            String name = props.get("name") == null ? id : nodes.text(props.get("name"), where + ".properties.name");
            Geometry g = geometry(f.get("geometry"), fn, where, true);
            if (g != null) out.add(new Zone(id, name, g));
        }
        return out;
    }

    List<Camera> cameras(String text) {
        List<Node> features = features(text);
        List<Camera> out = new ArrayList<>();
        if (features == null) return out;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            Node fn = features.get(i);
            Map<String, Node> f = nodes.fields(fn, label(i, null), FEATURE);
            if (f == null) continue;
            Map<String, Node> props = f.get("properties") == null ? Map.of() : nodes.fields(f.get("properties"), label(i, null) + ".properties", anyKeys(f.get("properties")));
            if (props == null) continue;
            String id = props.get("id") == null ? null : nodes.text(props.get("id"), label(i, null) + ".properties.id");
            String where = label(i, id);
            if (id == null) {
                nodes.problem(fn, where, "the camera has no properties.id", "add \"properties\": {\"id\": \"KCE-CAM-01\", \"name\": \"…\", \"street\": \"…\", \"direction\": \"…\"}");
                continue;
            }
            if (!ids.add(id)) nodes.problem(fn, where, "the camera id \"" + id + "\" is used by an earlier feature too", "give every camera its own id");
            Geometry g = geometry(f.get("geometry"), fn, where, false);
            if (g == null) continue;
            if (!"Point".equals(g.getGeometryType())) {
                nodes.problem(fn, where, "a camera must be a Point, not a " + g.getGeometryType(), "give the camera's position as {\"type\": \"Point\", \"coordinates\": [lon, lat]}");
                continue;
            }
            Coordinate c = g.getCoordinate();
            out.add(new Camera(id, str(props, "name", where), str(props, "street", where), str(props, "direction", where), c.x, c.y));
        }
        return out;
    }

    private String str(Map<String, Node> props, String key, String where) {
        return props.get(key) == null ? null : nodes.text(props.get(key), where + ".properties." + key);
    }

    private static Set<String> anyKeys(Node n) {
        Set<String> s = new HashSet<>();
        if (n instanceof org.yaml.snakeyaml.nodes.MappingNode m) {
            m.getValue().forEach(t -> { if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k) s.add(k.getValue()); });
        }
        return s;
    }

    private Geometry geometry(Node gn, Node feature, String where, boolean area) {
        if (gn == null) {
            nodes.problem(feature, where, "the feature has no geometry", area
                    ? "draw the zone as a Polygon or MultiPolygon (lon, lat in WGS 84)" : "give the position as a Point [lon, lat]");
            return null;
        }
        Map<String, Node> g = nodes.fields(gn, where + ".geometry", GEOMETRY);
        if (g == null) return null;
        String type = g.get("type") == null ? null : nodes.text(g.get("type"), where + ".geometry.type");
        Node coords = g.get("coordinates");
        if (type == null || coords == null) {
            nodes.problem(gn, where + ".geometry", "the geometry needs \"type\" and \"coordinates\"", "write e.g. {\"type\": \"Polygon\", \"coordinates\": [[[lon, lat], …]]}");
            return null;
        }
        try {
            Geometry geom;
            switch (type) {
                case "Point": geom = WGS84.createPoint(coordinate(coords, where)); break;
                case "Polygon": geom = polygon(coords, where); break;
                case "MultiPolygon": {
                    List<Node> polys = nodes.list(coords, where + ".geometry.coordinates");
                    if (polys == null) return null;
                    Polygon[] ps = new Polygon[polys.size()];
                    for (int i = 0; i < ps.length; i++) ps[i] = polygon(polys.get(i), where);
                    geom = WGS84.createMultiPolygon(ps);
                    break;
                }
                default:
                    nodes.problem(gn, where + ".geometry.type", "geometry type \"" + type + "\" is not supported here",
                            area ? "use Polygon or MultiPolygon for a zone" : "use Point for a camera");
                    return null;
            }
            if (area) {
                if (!(geom instanceof Polygon) && !"MultiPolygon".equals(geom.getGeometryType())) {
                    nodes.problem(gn, where + ".geometry.type", "a zone must be an area, not a " + type, "use Polygon or MultiPolygon");
                    return null;
                }
                TopologyValidationError err = new IsValidOp(geom).getValidationError();
                if (err != null) {
                    Coordinate c = err.getCoordinate();
                    nodes.problem(gn, where + ".geometry", "the boundary is not a valid area: " + err.getMessage()
                                    + (c == null ? "" : String.format(java.util.Locale.ROOT, " near lon %.5f, lat %.5f", c.x, c.y)),
                            "redraw the boundary so its edges do not cross and each ring ends where it starts");
                    return null;
                }
            }
            return geom;
        } catch (BadCoordinates e) {
            nodes.problem(e.node == null ? gn : e.node, where + ".geometry.coordinates", e.getMessage(), e.fix);
            return null;
        }
    }

    private Polygon polygon(Node n, String where) {
        List<Node> rings = nodes.list(n, where);
        if (rings == null || rings.isEmpty()) throw new BadCoordinates(n, "a polygon needs at least one ring", "write [[[lon, lat], [lon, lat], …, first point again]]");
        LinearRing shell = ring(rings.get(0), where);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) holes[i - 1] = ring(rings.get(i), where);
        return WGS84.createPolygon(shell, holes);
    }

    private LinearRing ring(Node n, String where) {
        List<Node> pts = nodes.list(n, where);
        if (pts == null || pts.size() < 4) {
            throw new BadCoordinates(n, "a ring needs at least 4 positions (a triangle plus the first point again)", "add the missing corners");
        }
        Coordinate[] cs = new Coordinate[pts.size()];
        for (int i = 0; i < cs.length; i++) cs[i] = coordinate(pts.get(i), where);
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new BadCoordinates(pts.get(cs.length - 1), "the ring does not end where it starts", "repeat the first position [" + cs[0].x + ", " + cs[0].y + "] as the last one");
        }
        return WGS84.createLinearRing(cs);
    }

    private Coordinate coordinate(Node n, String where) {
        if (!(n instanceof org.yaml.snakeyaml.nodes.SequenceNode s) || s.getValue().size() < 2) {
            throw new BadCoordinates(n, "a position must be [lon, lat]", "write the position as two numbers in brackets, longitude first");
        }
        double lon, lat;
        try {
            lon = Double.parseDouble(((org.yaml.snakeyaml.nodes.ScalarNode) s.getValue().get(0)).getValue());
            lat = Double.parseDouble(((org.yaml.snakeyaml.nodes.ScalarNode) s.getValue().get(1)).getValue());
        } catch (RuntimeException e) {
            throw new BadCoordinates(n, "a position must be two numbers [lon, lat]", "write the numbers without quotes, with a dot for decimals");
        }
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            throw new BadCoordinates(n, "position [" + lon + ", " + lat + "] is outside the globe", "GeoJSON wants [longitude, latitude] in degrees (WGS 84), e.g. [20.6286, 50.8703] for Kielce");
        }
        return new Coordinate(lon, lat);
    }

    private static final class BadCoordinates extends RuntimeException {
        final transient Node node;
        final String fix;

        BadCoordinates(Node node, String message, String fix) {
            super(message, null, false, false);
            this.node = node;
            this.fix = fix;
        }
    }
}
