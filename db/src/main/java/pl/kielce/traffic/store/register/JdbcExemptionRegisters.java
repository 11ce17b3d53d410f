package pl.kielce.traffic.store.register;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import pl.kielce.traffic.ctz.policy.DisabledCardRegister;
import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.OccasionalEntryRegister;
import pl.kielce.traffic.ctz.policy.PaidEntryRegister;
import pl.kielce.traffic.ctz.policy.PermitRegister;
import pl.kielce.traffic.ctz.policy.ResidentRegister;
import pl.kielce.traffic.ctz.policy.register.Plates;

/**
 * The exemption registers on PostGIS tables {@code disability_cards}, {@code residents}, {@code permits},
 * {@code paid_entries} and {@code occasional_entries}. Per-plate answers are cached for {@code ttl}
 * (keep it short: a driver may buy a day pass minutes before entering); only plates of vehicles that
 * failed their requirement are ever looked up. Writes ({@link #record}, {@link #addPermit}, …) go straight
 * to the database and drop the plate's cache entries.
 */
public final class JdbcExemptionRegisters implements DisabledCardRegister, ResidentRegister, PermitRegister,
        PaidEntryRegister, OccasionalEntryRegister {

    private record Window(String kind, Instant from, Instant to, Set<String> zoneIds) {
        boolean covers(Instant at, String zoneId, Set<String> kinds) {
            return (kinds.isEmpty() || kinds.contains(kind)) && !at.isBefore(from) && at.isBefore(to)
                    && (zoneIds.isEmpty() || zoneIds.contains(zoneId));
        }
    }

    private record Card(LocalDate from, LocalDate to) {}

    private final DataSource dataSource;
    private final LoadingCache<String, List<Card>> cards;
    private final LoadingCache<String, Optional<Resident>> residents;
    private final LoadingCache<String, List<Window>> permits;
    private final LoadingCache<String, List<Window>> payments;

    public JdbcExemptionRegisters(DataSource dataSource, Duration ttl) {
        this.dataSource = dataSource;
        this.cards = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).build(this::loadCards);
        this.residents = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).build(this::loadResident);
        this.permits = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).build(p -> loadWindows("permits", "kind", p));
        this.payments = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(200_000).build(p -> loadWindows("paid_entries", "product", p));
    }

    public JdbcExemptionRegisters(DataSource dataSource) { this(dataSource, Duration.ofSeconds(30)); }

    /** All five as the engine's bundle. */
    public Exemptions asExemptions() { return new Exemptions(this, this, this, this, this); }

    @Override public boolean hasValidCard(String plate, LocalDate day) {
        for (Card c : cards.get(plate)) if (!day.isBefore(c.from()) && !day.isAfter(c.to())) return true;
        return false;
    }

    @Override public Optional<Resident> find(String plate) { return residents.get(plate); }

    @Override public boolean hasPermit(String plate, Instant at, String zoneId, Set<String> kinds) {
        for (Window w : permits.get(plate)) if (w.covers(at, zoneId, kinds)) return true;
        return false;
    }

    @Override public boolean hasPaidEntry(String plate, Instant at, String zoneId, Set<String> products) {
        for (Window w : payments.get(plate)) if (w.covers(at, zoneId, products)) return true;
        return false;
    }

    @Override public int daysUsed(String plate, int year) {
        return queryInt("SELECT count(*) FROM occasional_entries WHERE plate = ? AND day >= ? AND day < ?", plate,
                LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    }

    @Override public boolean usedOn(String plate, LocalDate day) {
        return queryInt("SELECT count(*) FROM occasional_entries WHERE plate = ? AND day = ?", plate, day, null) > 0;
    }

    @Override public void record(String plate, LocalDate day) {
        update("INSERT INTO occasional_entries (plate, day) VALUES (?, ?) ON CONFLICT DO NOTHING", Plates.normalise(plate), day);
    }

    // ------------------------------------------------------------------ writes (tools, console)

    public void addCard(String plate, LocalDate from, LocalDate to) {
        String p = Plates.normalise(plate);
        update("INSERT INTO disability_cards (plate, valid_from, valid_to) VALUES (?, ?, ?) ON CONFLICT (plate, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to", p, from, to);
        cards.invalidate(p);
    }

    public void putResident(String plate, Resident r) {
        String p = Plates.normalise(plate);
        update("INSERT INTO residents (plate, tax_paying_resident, owned_since, owner_birth_date) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (plate) DO UPDATE SET tax_paying_resident = EXCLUDED.tax_paying_resident,"
                + " owned_since = EXCLUDED.owned_since, owner_birth_date = EXCLUDED.owner_birth_date", p, r.taxPayingResident(), r.ownedSince(), r.ownerBirthDate());
        residents.invalidate(p);
    }

    public void addPermit(Permit permit) {
        String p = Plates.normalise(permit.plate());
        insertWindow("permits", "kind", p, permit.kind(), permit.validFrom(), permit.validTo(), permit.zoneIds());
        permits.invalidate(p);
    }

    public void addPayment(Payment payment) {
        String p = Plates.normalise(payment.plate());
        insertWindow("paid_entries", "product", p, payment.product(), payment.validFrom(), payment.validTo(), payment.zoneIds());
        payments.invalidate(p);
    }

    // ------------------------------------------------------------------ loading

    private List<Card> loadCards(String plate) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT valid_from, valid_to FROM disability_cards WHERE plate = ?")) {
            ps.setString(1, plate);
            List<Card> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Card(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()));
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw new RegisterUnavailableException("disability card register", e);
        }
    }

    private Optional<Resident> loadResident(String plate) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tax_paying_resident, owned_since, owner_birth_date FROM residents WHERE plate = ?")) {
            ps.setString(1, plate);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                java.sql.Date owned = rs.getDate(2), born = rs.getDate(3);
                return Optional.of(new Resident(rs.getBoolean(1), owned == null ? null : owned.toLocalDate(), born == null ? null : born.toLocalDate()));
            }
        } catch (SQLException e) {
            throw new RegisterUnavailableException("resident register", e);
        }
    }

    private List<Window> loadWindows(String table, String kindColumn, String plate) {
        // only windows that have not ended a day ago: old permits and payments never matter for new reads
        String sql = "SELECT " + kindColumn + ", valid_from, valid_to, zone_ids FROM " + table
                + " WHERE plate = ? AND valid_to > now() - interval '1 day'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, plate);
            List<Window> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array a = rs.getArray(4);
                    Set<String> zones = a == null ? Set.of() : Set.of((String[]) a.getArray());
                    out.add(new Window(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(), zones));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw new RegisterUnavailableException(table + " register", e);
        }
    }

    private void insertWindow(String table, String kindColumn, String plate, String kind, Instant from, Instant to, Set<String> zones) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (plate, " + kindColumn + ", valid_from, valid_to, zone_ids) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, plate);
            ps.setString(2, kind);
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            ps.setArray(5, c.createArrayOf("text", zones.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RegisterUnavailableException(table + " register", e);
        }
    }

    private int queryInt(String sql, String plate, LocalDate a, LocalDate b) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, plate);
            ps.setObject(2, a);
            if (b != null) ps.setObject(3, b);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new RegisterUnavailableException("occasional-entry register", e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RegisterUnavailableException("exemption register", e);
        }
    }
}
