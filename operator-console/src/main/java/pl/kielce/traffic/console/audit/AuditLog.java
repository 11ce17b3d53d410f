package pl.kielce.traffic.console.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The append-only audit log ({@code console_audit_log}): who, when, what, why. The database refuses
 * updates and deletes (trigger), so an entry once written stays.
 */
@Service
public class AuditLog {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    AuditLog(JdbcTemplate jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /** One audited event. */
    public record Entry(long id, Instant at, String actor, String action, String subjectType, String subjectId,
                       String reason, String details, String clientIp) {
    }

    public void record(String actor, String action, String subjectType, String subjectId, String reason,
                       Map<String, ?> details) {
        jdbc.update("INSERT INTO console_audit_log (at, actor, action, subject_type, subject_id, reason, details, client_ip)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)",
                Timestamp.from(clock.instant()), actor, action, subjectType, subjectId, reason,
                json.writeValueAsString(details == null ? Map.of() : details), ClientAddress.current());
    }

    /** Newest first, optionally filtered by actor, action and subject id. */
    public List<Entry> search(String actor, String action, String subjectId, int limit) {
        return jdbc.query("SELECT id, at, actor, action, subject_type, subject_id, reason, details::text, client_ip"
                        + " FROM console_audit_log WHERE (?::text IS NULL OR actor = ?) AND (?::text IS NULL OR action = ?)"
                        + " AND (?::text IS NULL OR subject_id = ?) ORDER BY id DESC LIMIT ?",
                (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)),
                blank(actor), blank(actor), blank(action), blank(action), blank(subjectId), blank(subjectId),
                Math.max(1, Math.min(limit, 1000)));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
