package pl.kielce.traffic.flows;

import pl.kielce.traffic.streams.JdbcBatchSink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Upserts {@link ApproachFlow}s into PostGIS table {@code traffic_flows}, keyed by (intersection, approach, source,
 * interval start): the same interval written twice (replay, restart, late counts) leaves one row with the latest
 * figures. Rows are written in batches, at the latest on every checkpoint ({@code flush}).
 */
public final class FlowStore extends JdbcBatchSink<ApproachFlow> {
    static final String UPSERT = "INSERT INTO traffic_flows (intersection_id, approach, source, interval_start, interval_end,"
            + " vehicles, flow_veh_per_hour, occupancy, capacity_veh_per_hour, degree_of_saturation, reporting_sources, location)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ?::float8 IS NULL THEN NULL"
            + " ELSE ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326) END)"
            + " ON CONFLICT (intersection_id, approach, source, interval_start) DO UPDATE SET"
            + " interval_end = EXCLUDED.interval_end, vehicles = EXCLUDED.vehicles,"
            + " flow_veh_per_hour = EXCLUDED.flow_veh_per_hour, occupancy = EXCLUDED.occupancy,"
            + " capacity_veh_per_hour = EXCLUDED.capacity_veh_per_hour, degree_of_saturation = EXCLUDED.degree_of_saturation,"
            + " reporting_sources = EXCLUDED.reporting_sources, location = EXCLUDED.location, updated_at = now()";
    static final int BATCH = 200;

    /** @param jdbcUrl PostGIS URL with user (and password) as parameters */
    public FlowStore(String jdbcUrl) {
        super(jdbcUrl, "traffic_flows", UPSERT, BATCH, FlowStore::bind);
    }

    static void bind(PreparedStatement ps, ApproachFlow f) throws SQLException {
        ps.setString(1, f.intersectionId());
        ps.setString(2, f.approach());
        ps.setString(3, f.source());
        ps.setObject(4, OffsetDateTime.ofInstant(f.intervalStart(), ZoneOffset.UTC));
        ps.setObject(5, OffsetDateTime.ofInstant(f.intervalEnd(), ZoneOffset.UTC));
        ps.setLong(6, f.vehicles());
        ps.setDouble(7, f.flowVehPerHour());
        if (Double.isNaN(f.occupancy())) {
            ps.setNull(8, Types.DOUBLE);
        } else {
            ps.setDouble(8, f.occupancy());
        }
        ps.setDouble(9, f.capacityVehPerHour());
        ps.setDouble(10, f.degreeOfSaturation());
        ps.setInt(11, f.reportingSources());
        if (Double.isNaN(f.longitude()) || Double.isNaN(f.latitude())) {
            for (int i = 12; i <= 14; i++) {
                ps.setNull(i, Types.DOUBLE);
            }
        } else {
            ps.setDouble(12, f.longitude());
            ps.setDouble(13, f.longitude());
            ps.setDouble(14, f.latitude());
        }
    }
}
