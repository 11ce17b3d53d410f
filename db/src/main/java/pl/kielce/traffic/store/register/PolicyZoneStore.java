package pl.kielce.traffic.store.register;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import pl.kielce.traffic.ctz.policy.Camera;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.Stage;
import pl.kielce.traffic.ctz.policy.Zone;

/**
 * Stores a loaded policy's zones, stages and cameras in PostGIS (SRID 4326) so the console and SQL see the
 * same areas the engine uses. Re-storing the same policy id and version replaces its rows.
 */
public final class PolicyZoneStore {
    private final DataSource dataSource;

    public PolicyZoneStore(DataSource dataSource) { this.dataSource = dataSource; }

    public void store(Policy policy) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM ctz_policies WHERE policy_id = ? AND version = ?")) {
                    del.setString(1, policy.id());
                    del.setString(2, policy.version());
                    del.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ctz_policies (policy_id, version, name, illustrative, time_zone) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, policy.id());
                    ps.setString(2, policy.version());
                    ps.setString(3, policy.name());
                    ps.setBoolean(4, policy.illustrative());
                    ps.setString(5, policy.timeZone().getId());
                    ps.executeUpdate();
                }
                WKBWriter wkb = new WKBWriter();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ctz_zones (policy_id, version, zone_id, name, geom)"
                        + " VALUES (?, ?, ?, ?, ST_SetSRID(ST_Multi(ST_GeomFromWKB(?)), 4326))")) {
                    for (Zone z : policy.zones().values()) {
                        ps.setString(1, policy.id());
                        ps.setString(2, policy.version());
                        ps.setString(3, z.id());
                        ps.setString(4, z.name());
                        ps.setBytes(5, wkb.write(multi(z.geometry())));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ctz_stages (policy_id, version, stage_id, name, valid_from, valid_to, zone_ids) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (Stage s : policy.stages()) {
                        ps.setString(1, policy.id());
                        ps.setString(2, policy.version());
                        ps.setString(3, s.id());
                        ps.setString(4, s.name());
                        ps.setObject(5, s.validFrom());
                        ps.setObject(6, s.validTo());
                        ps.setArray(7, c.createArrayOf("text", s.zoneIds().toArray()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ctz_cameras (policy_id, version, camera_id, name, street, direction, geom)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
                    for (Camera cam : policy.cameras().values()) {
                        ps.setString(1, policy.id());
                        ps.setString(2, policy.version());
                        ps.setString(3, cam.id());
                        ps.setString(4, cam.name());
                        ps.setString(5, cam.street());
                        ps.setString(6, cam.direction());
                        ps.setDouble(7, cam.lon());
                        ps.setDouble(8, cam.lat());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store policy " + policy.id() + " v" + policy.version() + " in PostGIS: " + e.getMessage(), e);
        }
    }

    /** Zone ids of a stored policy version that cover a WGS 84 point (SQL side of the engine's membership). */
    public List<String> zonesContaining(String policyId, String version, double lon, double lat) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT zone_id FROM ctz_zones WHERE policy_id = ? AND version = ? AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) ORDER BY zone_id")) {
            ps.setString(1, policyId);
            ps.setString(2, version);
            ps.setDouble(3, lon);
            ps.setDouble(4, lat);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) { while (rs.next()) out.add(rs.getString(1)); }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query zones: " + e.getMessage(), e);
        }
    }

    private static Geometry multi(Geometry g) {
        if (g instanceof MultiPolygon) return g;
        return g.getFactory().createMultiPolygon(new Polygon[] {(Polygon) g});
    }
}
