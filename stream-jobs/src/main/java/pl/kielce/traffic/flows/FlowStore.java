package pl.kielce.traffic.flows;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
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
public final class FlowStore implements Sink<ApproachFlow> {
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

    private final String jdbcUrl;

    /** @param jdbcUrl PostGIS URL with user (and password) as parameters */
    public FlowStore(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public SinkWriter<ApproachFlow> createWriter(WriterInitContext context) {
        return new Writer(jdbcUrl);
    }

    static final class Writer implements SinkWriter<ApproachFlow> {
        private final String jdbcUrl;
        private final java.util.List<ApproachFlow> pending = new java.util.ArrayList<>();
        private Connection connection;

        Writer(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
        }

        @Override
        public void write(ApproachFlow flow, Context context) throws IOException {
            pending.add(flow);
            if (pending.size() >= BATCH) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            try {
                writeBatch();
            } catch (SQLException first) {
                closeQuietly(); // a dropped connection: reconnect once, then let Flink restart the job
                try {
                    writeBatch();
                } catch (SQLException second) {
                    second.addSuppressed(first);
                    throw new IOException("cannot upsert " + pending.size() + " flows into traffic_flows", second);
                }
            }
            pending.clear();
        }

        private void writeBatch() throws SQLException {
            if (connection == null) {
                connection = DriverManager.getConnection(jdbcUrl);
                connection.setAutoCommit(true);
            }
            try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
                for (ApproachFlow f : pending) {
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
                    boolean located = !Double.isNaN(f.longitude()) && !Double.isNaN(f.latitude());
                    for (int i = 12; i <= 14; i++) {
                        if (!located) {
                            ps.setNull(i, Types.DOUBLE);
                        }
                    }
                    if (located) {
                        ps.setDouble(12, f.longitude());
                        ps.setDouble(13, f.longitude());
                        ps.setDouble(14, f.latitude());
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        @Override
        public void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // closing a broken connection
            }
            connection = null;
        }
    }
}
