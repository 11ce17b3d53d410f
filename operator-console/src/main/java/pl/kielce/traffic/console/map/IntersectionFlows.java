package pl.kielce.traffic.console.map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest measured flow of every intersection approach, from PostGIS {@code traffic_flows} (written by the flow
 * job, migration V330): per (intersection, approach, source) the newest interval that ended within
 * {@code console.map.flow-max-age} (default 30 min) — older figures are not "live" and are not drawn.
 */
@Component
public class IntersectionFlows {
    private static final Logger LOG = LoggerFactory.getLogger(IntersectionFlows.class);
    private static final String LATEST = "SELECT DISTINCT ON (intersection_id, approach, source) intersection_id, approach, source,"
            + " interval_start, interval_end, vehicles, flow_veh_per_hour, capacity_veh_per_hour, degree_of_saturation, occupancy"
            + " FROM traffic_flows WHERE interval_end > ? AND interval_start <= ?"
            + " ORDER BY intersection_id, approach, source, interval_start DESC";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration maxAge;

    IntersectionFlows(JdbcTemplate jdbc, Clock clock, @Value("${console.map.flow-max-age:PT30M}") Duration maxAge) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** One approach's latest interval. {@code occupancy} is null for camera counts. */
    public record ApproachFlow(String intersectionId, String approach, String source, Instant intervalStart,
                               Instant intervalEnd, long vehicles, double flowVehPerHour, double capacityVehPerHour,
                               double degreeOfSaturation, Double occupancy) {
    }

    /** Intersection id → its approaches' latest flows (approach order as stored, detectors before cameras). */
    public Map<String, List<ApproachFlow>> latest() {
        Instant now = clock.instant();
        Map<String, List<ApproachFlow>> out = new LinkedHashMap<>();
        try {
            jdbc.query(LATEST, rs -> {
                double occ = rs.getDouble(10);
                ApproachFlow f = new ApproachFlow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getDouble(7),
                        rs.getDouble(8), rs.getDouble(9), rs.wasNull() ? null : occ);
                out.computeIfAbsent(f.intersectionId(), k -> new ArrayList<>()).add(f);
            }, Timestamp.from(now.minus(maxAge)), Timestamp.from(now));
        } catch (DataAccessException e) {
            // a database without the flow job's table (or down): the layer shows plans only
            LOG.warn("traffic_flows not readable, intersections drawn without flows: {}", e.getMostSpecificCause().getMessage());
        }
        return out;
    }
}
