package pl.kielce.traffic.console.opendata;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import pl.kielce.traffic.console.map.CityPack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Queries behind open data. Sources are plate-free by design (passage_counts, ctz_decision_counts); small cells
 * (fewer than {@link #MIN_CELL}) are suppressed (null) so that a rare vehicle cannot be singled out.
 */
@Service
public class OpenData {
    /** Smallest count published as a number. */
    public static final int MIN_CELL = 5;
    private final JdbcTemplate jdbc;
    private final CityPack city;

    OpenData(JdbcTemplate jdbc, CityPack city) {
        this.jdbc = jdbc;
        this.city = city;
    }

    /** Passages of one camera in one hour; null passages = suppressed (1–4). */
    public record HourlyPassages(String cameraId, Instant hourStart, Long passages) {
    }

    /** Decisions of one local day, stage and outcome; null passages = suppressed. */
    public record DailyCompliance(LocalDate day, String stageId, String outcome, Long passages) {
    }

    public List<HourlyPassages> hourlyPassages(Instant from, Instant to) {
        return jdbc.query("SELECT camera_id, date_trunc('hour', window_start), sum(passages) FROM passage_counts"
                        + " WHERE window_start >= ? AND window_start < ? GROUP BY 1, 2 ORDER BY 1, 2",
                (rs, i) -> new HourlyPassages(rs.getString(1), rs.getTimestamp(2).toInstant(), suppress(rs.getLong(3))),
                Timestamp.from(from), Timestamp.from(to));
    }

    public List<DailyCompliance> dailyCompliance(Instant from, Instant to) {
        return jdbc.query("SELECT (hour_start AT TIME ZONE 'Europe/Warsaw')::date, stage_id, outcome, sum(passages)"
                        + " FROM ctz_decision_counts WHERE hour_start >= ? AND hour_start < ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                (rs, i) -> new DailyCompliance(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                        suppress(rs.getLong(4))), Timestamp.from(from), Timestamp.from(to));
    }

    /** Cameras (id, name, street, position) – no counts, no reads. */
    public JsonNode cameras() {
        JsonNode fc = city.cameras();
        for (JsonNode f : fc.path("features")) {
            if (f.path("properties") instanceof ObjectNode p) {
                p.retain("id", "name", "street", "direction");
            }
        }
        return fc;
    }

    static Long suppress(long n) {
        return n > 0 && n < MIN_CELL ? null : n;
    }
}
