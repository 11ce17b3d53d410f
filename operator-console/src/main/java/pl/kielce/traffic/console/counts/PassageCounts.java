package pl.kielce.traffic.console.counts;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Reads {@code passage_counts} (no plates there, by design). */
@Repository
public class PassageCounts {
    private final JdbcTemplate jdbc;

    PassageCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One window of one camera. */
    public record Row(String cameraId, Instant windowStart, Instant windowEnd, long passages) {
    }

    /** Total passages of one camera in a period. */
    public record Total(String cameraId, long passages, Instant lastWindowEnd) {
    }

    /** Windows starting in [from, to), by camera then time; {@code cameraId} null = all cameras. */
    public List<Row> between(String cameraId, Instant from, Instant to) {
        return jdbc.query("SELECT camera_id, window_start, window_end, passages FROM passage_counts"
                        + " WHERE (?::text IS NULL OR camera_id = ?) AND window_start >= ? AND window_start < ?"
                        + " ORDER BY camera_id, window_start LIMIT 100000",
                (rs, i) -> new Row(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        rs.getLong(4)),
                cameraId, cameraId, Timestamp.from(from), Timestamp.from(to));
    }

    /** Sum per camera over windows starting in [from, to). */
    public List<Total> totals(Instant from, Instant to) {
        return jdbc.query("SELECT camera_id, sum(passages), max(window_end) FROM passage_counts"
                        + " WHERE window_start >= ? AND window_start < ? GROUP BY camera_id ORDER BY camera_id",
                (rs, i) -> new Total(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()),
                Timestamp.from(from), Timestamp.from(to));
    }
}
