package pl.kielce.traffic.signals.job;

import pl.kielce.traffic.streams.JdbcBatchSink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes {@link PlanLogEntry}s to PostGIS table {@code signal_plan_log} (migration V330). Idempotent by
 * (plan_id, action): a replay or restart logs nothing twice and keeps the first entry. Written at once (plans are
 * rare) and at the latest on every checkpoint.
 */
public final class PlanLogStore extends JdbcBatchSink<PlanLogEntry> {
    static final String INSERT = "INSERT INTO signal_plan_log (plan_id, intersection_id, action, at, detail, plan)"
            + " VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (plan_id, action) DO NOTHING";

    public PlanLogStore(String jdbcUrl) {
        super(jdbcUrl, "signal_plan_log", INSERT, 1, PlanLogStore::bind);
    }

    static void bind(PreparedStatement ps, PlanLogEntry e) throws SQLException {
        ps.setString(1, e.planId());
        ps.setString(2, e.intersectionId());
        ps.setString(3, e.action());
        ps.setObject(4, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC));
        ps.setString(5, e.detail());
        ps.setString(6, e.planJson());
    }
}
