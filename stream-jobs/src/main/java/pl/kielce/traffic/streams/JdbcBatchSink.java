package pl.kielce.traffic.streams;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A PostGIS sink that writes rows with one idempotent SQL statement (an upsert or insert-if-absent), in batches of
 * up to {@code batchRows}, and at the latest when Flink flushes the writer before a checkpoint barrier. With an
 * idempotent statement that is at-least-once delivery with exactly-once effect: a replay after a restart writes the
 * same rows again and leaves the table as if each had been written once.
 *
 * <p>Auto-commit, one statement prepared per connection. A failed batch is retried once on a fresh connection (a
 * dropped connection); a second failure fails the task, and Flink restarts it from the last checkpoint.
 *
 * <p>A store names its table and statement by extending it: {@code class FlowStore extends JdbcBatchSink<ApproachFlow>}.
 *
 * @param <T> the row type
 */
public class JdbcBatchSink<T> implements Sink<T> {
    /** Sets the statement's parameters for one row. */
    @FunctionalInterface
    public interface RowBinder<T> extends Serializable {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private final String jdbcUrl;
    private final String table;
    private final String sql;
    private final int batchRows;
    private final RowBinder<T> binder;

    /**
     * @param jdbcUrl   PostGIS URL with user (and password) as parameters
     * @param table     the table written, for error messages
     * @param sql       one idempotent statement with parameters
     * @param batchRows rows buffered before a write; 1 writes every row at once
     * @param binder    sets the statement's parameters for a row
     */
    public JdbcBatchSink(String jdbcUrl, String table, String sql, int batchRows, RowBinder<T> binder) {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1, was " + batchRows);
        }
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.table = Objects.requireNonNull(table, "table");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.batchRows = batchRows;
        this.binder = Objects.requireNonNull(binder, "binder");
    }

    @Override
    public final Writer<T> createWriter(WriterInitContext context) {
        return writer();
    }

    /** A writer outside Flink (tests, tools): {@code flush} writes what is buffered, {@code close} drops it. */
    public final Writer<T> writer() {
        return new Writer<>(this);
    }

    public static final class Writer<T> implements SinkWriter<T> {
        private final JdbcBatchSink<T> sink;
        private final List<T> pending = new ArrayList<>();
        private Connection connection;
        private PreparedStatement statement;

        private Writer(JdbcBatchSink<T> sink) {
            this.sink = sink;
        }

        @Override
        public void write(T row, Context context) throws IOException {
            pending.add(row);
            if (pending.size() >= sink.batchRows) {
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
                    throw new IOException("cannot write " + pending.size() + " row(s) to " + sink.table, second);
                }
            }
            pending.clear();
        }

        private void writeBatch() throws SQLException {
            if (connection == null) {
                connection = DriverManager.getConnection(sink.jdbcUrl);
                connection.setAutoCommit(true);
                statement = connection.prepareStatement(sink.sql);
            }
            if (pending.size() == 1) {
                sink.binder.bind(statement, pending.get(0));
                statement.executeUpdate();
                return;
            }
            for (T row : pending) {
                sink.binder.bind(statement, row);
                statement.addBatch();
            }
            try {
                statement.executeBatch();
            } finally {
                statement.clearBatch();
            }
        }

        /**
         * Releases the connection without writing what is buffered: Flink flushes before every checkpoint and at the
         * end of input, and a close without that flush is a failure or cancel, replayed from the last checkpoint.
         */
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
            statement = null;
        }
    }
}
