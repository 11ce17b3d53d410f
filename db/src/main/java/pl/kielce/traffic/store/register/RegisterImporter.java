package pl.kielce.traffic.store.register;

import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.register.RegisterCsv;

/**
 * Bulk import of a register extract (format: {@link RegisterCsv}) into {@code vehicle_register}: upsert
 * by plate in batches within one transaction; every rejected row is stored in
 * {@code register_import_errors} with line, column, value, problem and fix, and returned.
 */
public final class RegisterImporter {
    static final int BATCH = 1000;
    private static final String UPSERT = "INSERT INTO vehicle_register (plate, category, fuel, euro_norm, production_year,"
            + " first_registration, gross_mass_kg, historic, special_service, import_id, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
            + " ON CONFLICT (plate) DO UPDATE SET category = EXCLUDED.category, fuel = EXCLUDED.fuel, euro_norm = EXCLUDED.euro_norm,"
            + " production_year = EXCLUDED.production_year, first_registration = EXCLUDED.first_registration,"
            + " gross_mass_kg = EXCLUDED.gross_mass_kg, historic = EXCLUDED.historic, special_service = EXCLUDED.special_service,"
            + " import_id = EXCLUDED.import_id, updated_at = now()";

    /** Result of one import. */
    public record Report(long importId, RegisterCsv.Summary summary, List<RegisterCsv.RowProblem> problems) {}

    private final DataSource dataSource;

    public RegisterImporter(DataSource dataSource) { this.dataSource = dataSource; }

    public Report importCsv(String sourceName, Reader csv) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long importId;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO register_imports (source_name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, sourceName);
                    ps.executeUpdate();
                    try (ResultSet k = ps.getGeneratedKeys()) { k.next(); importId = k.getLong(1); }
                }
                List<RegisterCsv.RowProblem> problems = new ArrayList<>();
                RegisterCsv.Summary summary;
                try (PreparedStatement up = c.prepareStatement(UPSERT)) {
                    int[] pending = {0};
                    summary = RegisterCsv.parse(csv, row -> {
                        try {
                            bind(up, row.plate(), row.facts(), importId);
                            up.addBatch();
                            if (++pending[0] == BATCH) { up.executeBatch(); pending[0] = 0; }
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }, problems::add);
                    if (pending[0] > 0) up.executeBatch();
                }
                try (PreparedStatement err = c.prepareStatement(
                        "INSERT INTO register_import_errors (import_id, line, column_name, value, problem, fix) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (RegisterCsv.RowProblem p : problems) {
                        err.setLong(1, importId);
                        err.setInt(2, p.line());
                        err.setString(3, p.column());
                        err.setString(4, p.value());
                        err.setString(5, p.problem());
                        err.setString(6, p.fix());
                        err.addBatch();
                    }
                    err.executeBatch();
                }
                try (PreparedStatement fin = c.prepareStatement(
                        "UPDATE register_imports SET finished_at = now(), rows_read = ?, rows_accepted = ?, rows_rejected = ? WHERE id = ?")) {
                    fin.setInt(1, summary.rowsRead());
                    fin.setInt(2, summary.rowsAccepted());
                    fin.setInt(3, summary.rowsRejected());
                    fin.setLong(4, importId);
                    fin.executeUpdate();
                }
                c.commit();
                return new Report(importId, summary, List.copyOf(problems));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RegisterUnavailableException("vehicle register import", e);
        }
    }

    private static void bind(PreparedStatement ps, String plate, VehicleFacts f, long importId) throws SQLException {
        ps.setString(1, plate);
        ps.setString(2, f.category() == null ? null : f.category().name());
        ps.setString(3, f.fuel() == null ? null : f.fuel().code());
        ps.setString(4, f.euroNorm() == null ? null : f.euroNorm().name());
        if (f.productionYear() == 0) ps.setNull(5, Types.SMALLINT); else ps.setInt(5, f.productionYear());
        ps.setObject(6, f.firstRegistration());
        if (f.grossMassKg() == 0) ps.setNull(7, Types.INTEGER); else ps.setInt(7, f.grossMassKg());
        ps.setBoolean(8, f.historic());
        ps.setString(9, f.specialService() == null ? null : f.specialService().code());
        ps.setLong(10, importId);
    }
}
