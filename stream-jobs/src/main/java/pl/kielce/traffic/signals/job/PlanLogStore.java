package pl.kielce.traffic.signals.job;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link PlanLogEntry}s to PostGIS table {@code signal_plan_log} (migration V330). Idempotent by
 * (plan_id, action): a replay or restart logs nothing twice and keeps the first entry. Written at once (plans are
 * rare) and at the latest on every checkpoint.
 */
public final class PlanLogStore implements Sink<PlanLogEntry> {
    static final String INSERT = "INSERT INTO signal_plan_log (plan_id, intersection_id, action, at, detail, plan)"
            + " VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (plan_id, action) DO NOTHING";

    private final String jdbcUrl;

    public PlanLogStore(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public SinkWriter<PlanLogEntry> createWriter(WriterInitContext context) {
        return new Writer(jdbcUrl);
    }

    static final class Writer implements SinkWriter<PlanLogEntry> {
        private final String jdbcUrl;
        private final List<PlanLogEntry> pending = new ArrayList<>();
        private Connection connection;

        Writer(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
        }

        @Override
        public void write(PlanLogEntry entry, Context context) throws IOException {
            pending.add(entry);
            flush(false);
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
                    throw new IOException("cannot write " + pending.size() + " entries to signal_plan_log", second);
                }
            }
            pending.clear();
        }

        private void writeBatch() throws SQLException {
            if (connection == null) {
                connection = DriverManager.getConnection(jdbcUrl);
                connection.setAutoCommit(true);
            }
            try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                for (PlanLogEntry e : pending) {
                    ps.setString(1, e.planId());
                    ps.setString(2, e.intersectionId());
                    ps.setString(3, e.action());
                    ps.setObject(4, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
                    ps.setString(5, e.detail());
                    ps.setString(6, e.planJson());
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
