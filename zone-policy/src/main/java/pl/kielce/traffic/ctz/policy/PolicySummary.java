package pl.kielce.traffic.ctz.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * A policy as plain maps and lists (→ {@link Json}): the rules as a table for the console and the CLI,
 * and the zones and cameras as GeoJSON for maps.
 */
public final class PolicySummary {
    private PolicySummary() {}

    /** Id, version, stages with their requirement rows (English and Polish text), exemptions, cameras. */
    public static Map<String, Object> of(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("version", p.version());
        m.put("name", p.name());
        m.put("illustrative", p.illustrative());
        m.put("timeZone", p.timeZone().getId());
        m.put("reviewConfidenceBelow", p.settings().reviewConfidenceBelow());
        m.put("domesticPlateCountries", List.copyOf(p.settings().domesticPlateCountries()));
        List<Object> stages = new ArrayList<>();
        List<Stage> all = p.stages();
        for (int i = 0; i < all.size(); i++) {
            Stage s = all.get(i);
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("id", s.id());
            sm.put("name", s.name());
            sm.put("validFrom", s.validFrom().toString());
            java.time.LocalDate to = s.validTo() != null ? s.validTo() : i + 1 < all.size() ? all.get(i + 1).validFrom().minusDays(1) : null;
            sm.put("validTo", to == null ? null : to.toString());
            sm.put("zones", s.zoneIds());
            sm.put("schedule", s.schedule().describe());
            List<Object> rows = new ArrayList<>();
            for (Requirement r : s.requirements()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("id", r.id());
                rm.put("categories", r.categories().stream().map(Enum::name).toList());
                rm.put("fuels", r.fuels().stream().map(Fuel::code).toList());
                rm.put("grossMassOverKg", r.grossMassOverKg() == 0 ? null : r.grossMassOverKg());
                rm.put("grossMassUpToKg", r.grossMassUpToKg() == 0 ? null : r.grossMassUpToKg());
                rm.put("registeredAfter", r.registeredAfter() == null ? null : r.registeredAfter().toString());
                rm.put("minEuro", r.minEuro() == null ? null : r.minEuro().label());
                rm.put("minYear", r.minYear() == 0 ? null : r.minYear());
                rm.put("yearBasis", r.yearBasis().code());
                rm.put("banned", r.banned());
                rm.put("text", r.describe());
                rm.put("textPl", r.describePl());
                rows.add(rm);
            }
            sm.put("requirements", rows);
            stages.add(sm);
        }
        m.put("stages", stages);
        List<Object> ex = new ArrayList<>();
        for (ExemptionRule e : p.exemptionRules()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("id", e.id());
            em.put("type", e.type());
            em.put("label", e.label());
            em.put("text", e.describe());
            em.put("textPl", e.describePl());
            em.put("legalBasis", e.legalBasis());
            em.put("stages", e.stageIds().isEmpty() ? "all" : List.copyOf(e.stageIds()));
            ex.add(em);
        }
        m.put("exemptions", ex);
        List<Object> cams = new ArrayList<>();
        for (Camera c : p.cameras().values()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("id", c.id());
            cm.put("name", c.name());
            Map<String, Object> zoneByStage = new LinkedHashMap<>();
            for (Stage s : all) zoneByStage.put(s.id(), p.cameraZone(c.id(), s.id()).orElse(null));
            cm.put("zoneByStage", zoneByStage);
            cams.add(cm);
        }
        m.put("cameras", cams);
        return m;
    }

    /** The zones as a GeoJSON FeatureCollection (WGS 84), with the stages that use each zone. */
    public static Map<String, Object> zonesGeoJson(Policy p) {
        List<Object> features = new ArrayList<>();
        for (Zone z : p.zones().values()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", z.id());
            props.put("name", z.name());
            props.put("stages", p.stages().stream().filter(s -> s.zoneIds().contains(z.id())).map(Stage::id).toList());
            props.put("illustrative", p.illustrative());
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("properties", props);
            f.put("geometry", geometry(z.geometry()));
            features.add(f);
        }
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("type", "FeatureCollection");
        fc.put("features", features);
        return fc;
    }

    private static Map<String, Object> geometry(Geometry g) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (g instanceof Polygon poly) {
            m.put("type", "Polygon");
            m.put("coordinates", rings(poly));
        } else {
            m.put("type", "MultiPolygon");
            List<Object> polys = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) polys.add(rings((Polygon) g.getGeometryN(i)));
            m.put("coordinates", polys);
        }
        return m;
    }

    private static List<Object> rings(Polygon p) {
        List<Object> rings = new ArrayList<>();
        rings.add(ring(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) rings.add(ring(p.getInteriorRingN(i).getCoordinates()));
        return rings;
    }

    private static List<Object> ring(Coordinate[] cs) {
        List<Object> out = new ArrayList<>(cs.length);
        for (Coordinate c : cs) out.add(List.of(c.x, c.y));
        return out;
    }
}
