package pl.kielce.traffic.store.register;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.VehicleRegister;
import pl.kielce.traffic.ctz.policy.register.Plates;

/**
 * {@link VehicleRegister} on table {@code vehicle_register}, with an in-memory cache of hits and misses
 * (the enforcement job asks for the same plates again and again). A database error is thrown as
 * {@link RegisterUnavailableException}; the caller decides REVIEW rather than guessing.
 */
public final class JdbcVehicleRegister implements VehicleRegister {
    static final String SELECT = "SELECT category, fuel, euro_norm, production_year, first_registration, gross_mass_kg, historic, special_service"
            + " FROM vehicle_register WHERE plate = ?";

    private final DataSource dataSource;
    private final LoadingCache<String, Optional<VehicleFacts>> cache;

    /** @param ttl how long an answer (hit or miss) is reused; @param maxPlates cache size */
    public JdbcVehicleRegister(DataSource dataSource, Duration ttl, long maxPlates) {
        this.dataSource = dataSource;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxPlates).build(this::load);
    }

    public JdbcVehicleRegister(DataSource dataSource) {
        this(dataSource, Duration.ofMinutes(10), 500_000);
    }

    @Override public Optional<VehicleFacts> find(String plate) {
        if (plate == null) return Optional.empty();
        return cache.get(Plates.normalise(plate));
    }

    /** Drops cached answers (after an import). */
    public void invalidateAll() { cache.invalidateAll(); }

    private Optional<VehicleFacts> load(String plate) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, plate);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(facts(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RegisterUnavailableException("vehicle register", e);
        }
    }

    static VehicleFacts facts(ResultSet rs) throws SQLException {
        VehicleFacts.Builder b = VehicleFacts.builder();
        String s;
        if ((s = rs.getString(1)) != null) b.category(VehicleCategory.valueOf(s));
        if ((s = rs.getString(2)) != null) b.fuel(Fuel.parse(s).orElse(null));
        if ((s = rs.getString(3)) != null) b.euroNorm(EuroNorm.valueOf(s));
        b.productionYear(rs.getInt(4));
        java.sql.Date d = rs.getDate(5);
        if (d != null) b.firstRegistration(d.toLocalDate());
        b.grossMassKg(rs.getInt(6));
        b.historic(rs.getBoolean(7));
        if ((s = rs.getString(8)) != null) b.specialService(ServiceKind.parse(s).orElse(ServiceKind.OTHER));
        return b.build();
    }
}
