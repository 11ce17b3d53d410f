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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostGIS-backed registers of module {@code db} (migration {@code V100__zone_policy_registers.sql}): the vehicle
 * register extract {@code vehicle_register} and the exemption registers {@code disability_cards}, {@code residents},
 * {@code permits}, {@code paid_entries}, {@code occasional_entries}, read in <b>one</b> round trip per batch of plates
 * (so the decision itself needs no I/O), on a small pool of threads with one connection each. Any SQL error is
 * an UNAVAILABLE answer (retried by the job, then REVIEW), never an exception.
 *
 * <p>Batching without waiting: each thread takes the next plate asked for and every other plate waiting at that
 * moment (up to {@link #MAX_BATCH}) into one query ({@code unnest} of a text array). When the register keeps up, a
 * batch is one plate and nothing waits for company; under load the batches grow and each plate costs the database a
 * fraction of a round trip (one query per plate was a quarter of the CPU of the enforcement benchmark, in PostgreSQL).
 */
public final class JdbcRegisterClient implements RegisterClient {
    /** Vehicle facts and every exemption entry of each plate of the text array parameter (one row per plate). */
    public static final String DEFAULT_SQL = "SELECT p.plate, v.plate IS NOT NULL AS known, v.category, v.fuel, v.euro_norm, "
            + "v.production_year, v.first_registration, v.gross_mass_kg, v.historic, v.special_service, "
            + "(SELECT json_agg(json_build_array(valid_from, valid_to)) FROM disability_cards d WHERE d.plate = p.plate) AS cards, "
            + "(SELECT json_build_array(tax_paying_resident, owned_since, owner_birth_date) FROM residents r WHERE r.plate = p.plate) AS resident, "
            + "(SELECT json_agg(json_build_array(kind, valid_from, valid_to, zone_ids)) FROM permits w "
            + "  WHERE w.plate = p.plate AND w.valid_to > now() - interval '1 day') AS permits, "
            + "(SELECT json_agg(json_build_array(product, valid_from, valid_to, zone_ids)) FROM paid_entries w "
            + "  WHERE w.plate = p.plate AND w.valid_to > now() - interval '1 day') AS payments, "
            + "(SELECT json_agg(day) FROM occasional_entries o WHERE o.plate = p.plate) AS occasional "
            + "FROM unnest(?::text[]) AS p(plate) LEFT JOIN vehicle_register v ON v.plate = p.plate";
    /** Most plates in one query. */
    static final int MAX_BATCH = 256;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final String jdbcUrl;
    private final String vehicleSql;
    private final ExecutorService pool;
    private final List<Connection> connections = new ArrayList<>();
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();

    private record Pending(String plate, CompletableFuture<RegisterAnswer> answer) { }

    public JdbcRegisterClient(String jdbcUrl, String sql, int threads) {
        this.jdbcUrl = jdbcUrl;
        this.vehicleSql = sql;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ctz-register-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < threads; i++) pool.execute(this::work);
    }

    /** A factory for the job: {@code threads} connections per enrichment subtask, the default query. */
    public static RegisterClient.Factory factory(String jdbcUrl, int threads) {
        return () -> new JdbcRegisterClient(jdbcUrl, DEFAULT_SQL, threads);
    }

    @Override
    public CompletableFuture<RegisterAnswer> lookup(String plate) {
        CompletableFuture<RegisterAnswer> answer = new CompletableFuture<>();
        if (pool.isShutdown()) {
            answer.complete(RegisterAnswer.unavailable("register client closed"));
        } else {
            waiting.add(new Pending(plate, answer));
        }
        return answer;
    }

    /** One thread's loop: the next plate and all others waiting now, one query, until closed. */
    private void work() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                break;
            }
            waiting.drainTo(batch, MAX_BATCH - 1);
            try {
                Map<String, RegisterAnswer> answers = query(batch);
                for (Pending p : batch) p.answer().complete(answers.get(p.plate()));
            } catch (RuntimeException | Error e) { // the futures must complete whatever happens
                for (Pending p : batch) p.answer().complete(RegisterAnswer.unavailable("register client failed: " + e.getClass().getSimpleName()));
            }
            batch.clear();
        }
        for (Pending p; (p = waiting.poll()) != null; ) p.answer().complete(RegisterAnswer.unavailable("register client closed"));
    }

    /** An answer for every plate of the batch (UNAVAILABLE for all when the query fails). */
    private Map<String, RegisterAnswer> query(List<Pending> batch) {
        Map<String, RegisterAnswer> answers = new HashMap<>();
        Set<String> plates = new LinkedHashSet<>();
        for (Pending p : batch) plates.add(p.plate());
        try {
            Connection c = connection();
            try (PreparedStatement ps = c.prepareStatement(vehicleSql)) {
                ps.setArray(1, c.createArrayOf("text", plates.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String plate = rs.getString("plate");
                        try {
                            PlateExemptions ex = exemptions(plate, rs);
                            answers.put(plate, rs.getBoolean("known") ? RegisterAnswer.found(facts(rs), ex) : RegisterAnswer.unknown(ex));
                        } catch (RuntimeException e) {
                            answers.put(plate, RegisterAnswer.unavailable("register row not understood: " + e.getClass().getSimpleName()));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            drop();
            for (String plate : plates) answers.put(plate, RegisterAnswer.unavailable("register query failed: SQLState " + e.getSQLState()));
        }
        for (String plate : plates) answers.putIfAbsent(plate, RegisterAnswer.unavailable("register query returned no row"));
        return answers;
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

    static PlateExemptions exemptions(String plate, ResultSet rs) throws SQLException {
        PlateExemptions ex = new PlateExemptions();
        try {
            for (var c : json(rs.getString("cards"))) {
                ex.card(java.time.LocalDate.parse(c.get(0).asText()), java.time.LocalDate.parse(c.get(1).asText()));
            }
            String res = rs.getString("resident");
            if (res != null) {
                var r = JSON.readTree(res);
                ex.resident(new pl.kielce.traffic.ctz.policy.ResidentRegister.Resident(r.get(0).asBoolean(), date(r.get(1)), date(r.get(2))));
            }
            for (var w : json(rs.getString("permits"))) {
                ex.permit(new pl.kielce.traffic.ctz.policy.PermitRegister.Permit(plate, w.get(0).asText(), instant(w.get(1)),
                        instant(w.get(2)), zones(w.get(3))));
            }
            for (var w : json(rs.getString("payments"))) {
                ex.payment(new pl.kielce.traffic.ctz.policy.PaidEntryRegister.Payment(plate, w.get(0).asText(), instant(w.get(1)),
                        instant(w.get(2)), zones(w.get(3))));
            }
            for (var d : json(rs.getString("occasional"))) ex.occasionalDay(java.time.LocalDate.parse(d.asText()));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("exemption rows not understood", e);
        }
        return ex.isEmpty() ? null : ex; // null = none: nothing to serialise on the way to the decision
    }

    private static Iterable<com.fasterxml.jackson.databind.JsonNode> json(String text) throws java.io.IOException {
        return text == null ? java.util.List.of() : JSON.readTree(text);
    }

    private static java.time.LocalDate date(com.fasterxml.jackson.databind.JsonNode n) {
        return n == null || n.isNull() ? null : java.time.LocalDate.parse(n.asText());
    }

    private static java.time.Instant instant(com.fasterxml.jackson.databind.JsonNode n) {
        return java.time.OffsetDateTime.parse(n.asText()).toInstant();
    }

    private static java.util.Set<String> zones(com.fasterxml.jackson.databind.JsonNode n) {
        java.util.Set<String> s = new java.util.HashSet<>();
        if (n != null) n.forEach(z -> s.add(z.asText()));
        return s;
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
        for (Pending p; (p = waiting.poll()) != null; ) p.answer().complete(RegisterAnswer.unavailable("register client closed"));
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
