package pl.kielce.traffic.counts;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import pl.kielce.traffic.events.PassageCount;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Upserts {@link PassageCount}s into PostGIS table {@code passage_counts} keyed by (camera_id, window_start):
 * writing the same count twice (replay, restart, late update) leaves one row with the latest value.
 */
public final class PassageCountStore implements Sink<PassageCount> {
    static final String UPSERT = "INSERT INTO passage_counts (camera_id, window_start, window_end, passages) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (camera_id, window_start) "
            + "DO UPDATE SET window_end = EXCLUDED.window_end, passages = EXCLUDED.passages, updated_at = now()";

    private final String jdbcUrl;

    /** @param jdbcUrl PostGIS URL with user (and password) as parameters */
    public PassageCountStore(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public SinkWriter<PassageCount> createWriter(WriterInitContext context) {
        return new Writer(jdbcUrl);
    }

    static final class Writer implements SinkWriter<PassageCount> {
        private final String jdbcUrl;
        private Connection connection;
        private PreparedStatement upsert;

        Writer(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
        }

        @Override
        public void write(PassageCount count, Context context) throws IOException {
            try {
                upsert(count);
            } catch (SQLException first) {
                closeQuietly(); // a dropped connection: reconnect once, then let Flink restart the job
                try {
                    upsert(count);
                } catch (SQLException second) {
                    second.addSuppressed(first);
                    throw new IOException("cannot upsert passage count for camera " + count.cameraId(), second);
                }
            }
        }

        private void upsert(PassageCount count) throws SQLException {
            if (connection == null) {
                connection = DriverManager.getConnection(jdbcUrl);
                connection.setAutoCommit(true);
                upsert = connection.prepareStatement(UPSERT);
            }
            upsert.setString(1, count.cameraId());
            upsert.setObject(2, OffsetDateTime.ofInstant(count.windowStart(), ZoneOffset.UTC));
            upsert.setObject(3, OffsetDateTime.ofInstant(count.windowEnd(), ZoneOffset.UTC));
            upsert.setLong(4, count.passages());
            upsert.executeUpdate();
        }

        @Override
        public void flush(boolean endOfInput) {
            // every write is committed immediately (auto-commit): nothing buffered
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
            upsert = null;
        }
    }
}
