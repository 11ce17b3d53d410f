package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostGIS-backed vehicle register (an extract of CEP in the register CSV columns:
 * {@code plate, category, fuel, euro_norm, production_year, first_registration, gross_mass_kg, historic,
 * special_service}), queried on a small pool of threads, one connection each. Any SQL error is an
 * UNAVAILABLE answer (retried by the job), never an exception.
 */
public final class JdbcRegisterClient implements RegisterClient {
    /** Default query: table {@code vehicle_register}, one row per normalised plate. */
    public static final String DEFAULT_VEHICLE_SQL = "SELECT category, fuel, euro_norm, production_year, first_registration, "
            + "gross_mass_kg, historic, special_service FROM vehicle_register WHERE plate = ?";

    private final String jdbcUrl;
    private final String vehicleSql;
    private final ExecutorService pool;
    private final List<Connection> connections = new ArrayList<>();
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();

    public JdbcRegisterClient(String jdbcUrl, String vehicleSql, int threads) {
        this.jdbcUrl = jdbcUrl;
        this.vehicleSql = vehicleSql;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ctz-register-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A factory for the job: {@code threads} connections per enrichment subtask. */
    public static RegisterClient.Factory factory(String jdbcUrl, String vehicleSql, int threads) {
        return () -> new JdbcRegisterClient(jdbcUrl, vehicleSql, threads);
    }

    @Override
    public CompletableFuture<RegisterAnswer> lookup(String plate) {
        try {
            return CompletableFuture.supplyAsync(() -> query(plate), pool);
        } catch (RuntimeException rejected) {
            return CompletableFuture.completedFuture(RegisterAnswer.unavailable("register client closed"));
        }
    }

    private RegisterAnswer query(String plate) {
        try {
            Connection c = connection();
            try (PreparedStatement ps = c.prepareStatement(vehicleSql)) {
                ps.setString(1, plate);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return RegisterAnswer.unknown(PlateExemptions.NONE);
                    return RegisterAnswer.found(facts(rs), PlateExemptions.NONE);
                }
            }
        } catch (SQLException e) {
            drop();
            return RegisterAnswer.unavailable("register query failed: SQLState " + e.getSQLState());
        } catch (RuntimeException e) {
            return RegisterAnswer.unavailable("register row not understood: " + e.getClass().getSimpleName());
        }
    }

    static VehicleFacts facts(ResultSet rs) throws SQLException {
        Date first = rs.getDate("first_registration");
        return VehicleFacts.builder()
                .category(VehicleCategory.parse(rs.getString("category")).orElse(null))
                .fuel(Fuel.parse(rs.getString("fuel")).orElse(null))
                .euroNorm(EuroNorm.parse(rs.getString("euro_norm")).orElse(null))
                .productionYear(rs.getInt("production_year"))
                .firstRegistration(first == null ? null : first.toLocalDate())
                .grossMassKg(rs.getInt("gross_mass_kg"))
                .historic(rs.getBoolean("historic"))
                .specialService(ServiceKind.parse(rs.getString("special_service")).orElse(null))
                .build();
    }

    private Connection connection() throws SQLException {
        Connection c = connection.get();
        if (c == null || c.isClosed()) {
            c = DriverManager.getConnection(jdbcUrl);
            c.setReadOnly(true);
            connection.set(c);
            synchronized (connections) {
                connections.add(c);
            }
        }
        return c;
    }

    private void drop() {
        Connection c = connection.get();
        connection.remove();
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // reconnect next time
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        synchronized (connections) {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            connections.clear();
        }
    }
}
