package pl.kielce.traffic.counts;

import pl.kielce.traffic.events.PassageCount;
import pl.kielce.traffic.streams.JdbcBatchSink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Upserts {@link PassageCount}s into PostGIS table {@code passage_counts} keyed by (camera_id, window_start):
 * writing the same count twice (replay, restart, late update) leaves one row with the latest value. Every count is
 * written at once (a few per camera and window).
 */
public final class PassageCountStore extends JdbcBatchSink<PassageCount> {
    static final String UPSERT = "INSERT INTO passage_counts (camera_id, window_start, window_end, passages) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (camera_id, window_start) "
            + "DO UPDATE SET window_end = EXCLUDED.window_end, passages = EXCLUDED.passages, updated_at = now()";

    /** @param jdbcUrl PostGIS URL with user (and password) as parameters */
    public PassageCountStore(String jdbcUrl) {
        super(jdbcUrl, "passage_counts", UPSERT, 1, PassageCountStore::bind);
    }

    static void bind(PreparedStatement ps, PassageCount count) throws SQLException {
        ps.setString(1, count.cameraId());
        ps.setObject(2, OffsetDateTime.ofInstant(count.windowStart(), ZoneOffset.UTC));
        ps.setObject(3, OffsetDateTime.ofInstant(count.windowEnd(), ZoneOffset.UTC));
        ps.setLong(4, count.passages());
    }
}
