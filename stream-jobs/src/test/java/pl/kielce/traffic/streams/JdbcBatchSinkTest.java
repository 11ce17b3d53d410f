package pl.kielce.traffic.streams;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgisExtension.class)
class JdbcBatchSinkTest {
    static final String UPSERT = "INSERT INTO jdbc_batch_sink_test (k, v) VALUES (?, ?)"
            + " ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v";

    record Row(String key, int value) {
    }

    @BeforeAll
    static void table() throws SQLException {
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS jdbc_batch_sink_test (k text PRIMARY KEY, v int NOT NULL)");
        }
    }

    static final String APPLICATION = "jdbc-batch-sink-test";

    static String jdbcUrl() {
        String url = PostgisExtension.jdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + APPLICATION;
    }

    static JdbcBatchSink<Row> sink(int batchRows) {
        return new JdbcBatchSink<>(jdbcUrl(), "jdbc_batch_sink_test", UPSERT, batchRows, (ps, r) -> {
            ps.setString(1, r.key());
            ps.setInt(2, r.value());
        });
    }

    @Test
    void buffersUpToTheBatchSizeAndWritesTheRestOnFlush() throws Exception {
        try (var writer = sink(3).writer()) {
            writer.write(new Row("batch-a", 1), null);
            writer.write(new Row("batch-b", 1), null);
            assertThat(count("batch-%")).isZero(); // buffered until the batch is full or Flink flushes
            writer.write(new Row("batch-a", 2), null); // third row: the batch is written, the later value wins
            assertThat(value("batch-a")).isEqualTo(2);
            assertThat(count("batch-%")).isEqualTo(2);
            writer.write(new Row("batch-c", 7), null);
            writer.flush(false); // before a checkpoint barrier
            assertThat(value("batch-c")).isEqualTo(7);
            writer.flush(false); // nothing buffered: nothing to do
        }
    }

    @Test
    void replayingTheSameRowsLeavesOneRowEach() throws Exception {
        for (int replay = 0; replay < 2; replay++) {
            try (var writer = sink(1).writer()) {
                writer.write(new Row("replay-a", 5), null);
                writer.write(new Row("replay-b", 6), null);
            }
        }
        assertThat(count("replay-%")).isEqualTo(2);
        assertThat(value("replay-b")).isEqualTo(6);
    }

    @Test
    void reconnectsOnceWhenTheConnectionWasDropped() throws Exception {
        try (var writer = sink(1).writer()) {
            writer.write(new Row("drop-a", 1), null);
            terminateWriterSessions(); // the writer's connection is gone
            writer.write(new Row("drop-b", 2), null);
        }
        assertThat(value("drop-b")).isEqualTo(2);
    }

    @Test
    void aStatementThatFailsTwiceFailsTheTaskNamingTheTable() throws Exception {
        var broken = new JdbcBatchSink<Row>(jdbcUrl(), "jdbc_batch_sink_test", UPSERT, 1,
                (ps, r) -> ps.setString(1, r.key())); // second parameter never set
        assertThatThrownBy(() -> {
            try (var writer = broken.writer()) {
                writer.write(new Row("never", 1), null);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("cannot write 1 row(s) to jdbc_batch_sink_test");
        assertThat(count("never")).isZero();
    }

    @Test
    void refusesAnEmptyBatch() {
        assertThatThrownBy(() -> sink(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchRows");
    }

    private static void terminateWriterSessions() throws SQLException {
        try (Connection c = PostgisExtension.dataSource().getConnection();
             var ps = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND application_name = ?")) {
            ps.setString(1, APPLICATION);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("writer sessions terminated").isEqualTo(1);
            }
        }
    }

    private static long count(String keyPattern) throws SQLException {
        try (Connection c = PostgisExtension.dataSource().getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM jdbc_batch_sink_test WHERE k LIKE ?")) {
            ps.setString(1, keyPattern);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int value(String key) throws SQLException {
        try (Connection c = PostgisExtension.dataSource().getConnection();
             var ps = c.prepareStatement("SELECT v FROM jdbc_batch_sink_test WHERE k = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("row " + key).isTrue();
                return rs.getInt(1);
            }
        }
    }
}
