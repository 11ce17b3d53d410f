package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.PaidEntryRegister;
import pl.kielce.traffic.ctz.policy.PermitRegister;
import pl.kielce.traffic.ctz.policy.ResidentRegister;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostGIS-backed registers of module {@code db} (migration {@code V100__zone_policy_registers.sql}): the vehicle
 * register extract {@code vehicle_register} and the exemption registers {@code disability_cards}, {@code residents},
 * {@code permits}, {@code paid_entries}, {@code occasional_entries}, read for a batch of plates with one index lookup
 * per table (so the decision itself needs no I/O), on a small pool of threads with one connection each. Any SQL error is
 * an UNAVAILABLE answer (retried by the job, then REVIEW), never an exception.
 *
 * <p>Batching: each thread takes the next plate asked for and the plates asked for within {@link #LINGER_NANOS}
 * (2 ms) after it, up to {@link #MAX_BATCH}, into one query ({@code plate = ANY(array)}, {@link #REGISTERS_SQL}),
 * whether for one plate or 256 (four statements with the transaction, and seven before that, until 2026-11-29).
 * Without the short wait a batch was 13 plates on average in the enforcement benchmark (6,352 batches, 44,000
 * statements for 84,000 lookups); one query per plate with a correlated sub-query per exemption table, before that,
 * cost PostgreSQL 13–17 CPU-seconds per million reads, a third of the job's CPU. A lookup is a cache miss (a plate not
 * seen for a minute), so 2 ms more is nothing to the decision.
 */
public final class JdbcRegisterClient implements RegisterClient {
    /**
     * Everything the registers hold about the plates of the array parameter (bound once per table), in one statement —
     * so one snapshot, without a transaction around several (until 2026-11-29: BEGIN, a vehicle query, an exemption
     * query, COMMIT per batch). One row per register entry:
     * (register, plate, text 1–4, time 1–2, zones, flag, date 1–2, number 1–2):
     * <ul>
     *   <li>0 vehicle: category, fuel, Euro norm, special service; historic; first registration; production year, gross mass</li>
     *   <li>1 disability card: dates = validity</li>
     *   <li>2 resident: flag = tax-paying; dates = ownership start, owner's birth date</li>
     *   <li>3 permit and 4 paid entry: text 1 = kind or product; times = validity; zones</li>
     *   <li>5 occasional entry: date 1 = the day</li>
     * </ul>
     */
    static final String REGISTERS_SQL = "SELECT 0, plate, category, fuel, euro_norm, special_service, NULL::timestamptz, "
            + "NULL::timestamptz, NULL::text[], historic, first_registration, NULL::date, production_year::int, gross_mass_kg "
            + "FROM vehicle_register WHERE plate = ANY(?) "
            + "UNION ALL SELECT 1, plate, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, valid_from, valid_to, NULL, NULL "
            + "FROM disability_cards WHERE plate = ANY(?) "
            + "UNION ALL SELECT 2, plate, NULL, NULL, NULL, NULL, NULL, NULL, NULL, tax_paying_resident, owned_since, "
            + "owner_birth_date, NULL, NULL FROM residents WHERE plate = ANY(?) "
            + "UNION ALL SELECT 3, plate, kind, NULL, NULL, NULL, valid_from, valid_to, zone_ids, NULL, NULL, NULL, NULL, NULL "
            + "FROM permits WHERE plate = ANY(?) AND valid_to > now() - interval '1 day' "
            + "UNION ALL SELECT 4, plate, product, NULL, NULL, NULL, valid_from, valid_to, zone_ids, NULL, NULL, NULL, NULL, NULL "
            + "FROM paid_entries WHERE plate = ANY(?) AND valid_to > now() - interval '1 day' "
            + "UNION ALL SELECT 5, plate, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, day, NULL, NULL, NULL "
            + "FROM occasional_entries WHERE plate = ANY(?)";
    private static final int TABLES = 6;
    private static final int VEHICLE = 0;
    private static final int CARD = 1, RESIDENT = 2, PERMIT = 3, PAYMENT = 4, OCCASIONAL = 5;
    /** Most plates in one batch. */
    static final int MAX_BATCH = 256;
    /** How long a batch waits for more plates after its first. */
    static final long LINGER_NANOS = 2_000_000L;

    private final String jdbcUrl;
    private final ExecutorService pool;
    private final List<Connection> connections = new ArrayList<>();
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();

    private record Pending(String plate, CompletableFuture<RegisterAnswer> answer) { }

    public JdbcRegisterClient(String jdbcUrl, int threads) {
        this.jdbcUrl = jdbcUrl;
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
        return () -> new JdbcRegisterClient(jdbcUrl, threads);
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
                // the linger is one sleep, then whatever came meanwhile: a timed poll per plate woke this thread (and
                // made the asking task thread signal it) once per plate — up to MAX_BATCH times per batch
                if (waiting.size() < MAX_BATCH - 1) TimeUnit.NANOSECONDS.sleep(LINGER_NANOS);
                waiting.drainTo(batch, MAX_BATCH - batch.size());
            } catch (InterruptedException e) {
                for (Pending p : batch) p.answer().complete(RegisterAnswer.unavailable("register client closed"));
                break;
            }
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

    /** An answer for every plate of the batch (UNAVAILABLE for all when the query fails or a row is not understood). */
    private Map<String, RegisterAnswer> query(List<Pending> batch) {
        Set<String> plates = new LinkedHashSet<>();
        for (Pending p : batch) plates.add(p.plate());
        Map<String, RegisterAnswer> answers = new HashMap<>();
        try {
            Connection c = connection();
            java.sql.Array array = c.createArrayOf("text", plates.toArray());
            Map<String, VehicleFacts> vehicles = new HashMap<>();
            Map<String, PlateExemptions> exemptions = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(REGISTERS_SQL)) {
                for (int i = 1; i <= TABLES; i++) ps.setArray(i, array);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int register = rs.getInt(1);
                        if (register == VEHICLE) vehicles.put(rs.getString(2), facts(rs));
                        else exemption(exemptions.computeIfAbsent(rs.getString(2), k -> new PlateExemptions()), register, rs);
                    }
                }
            } catch (RuntimeException e) { // a row the domain refuses (e.g. a permit ending before it starts)
                for (String plate : plates) answers.put(plate, RegisterAnswer.unavailable("register row not understood: " + e.getMessage()));
                return answers;
            }
            for (String plate : plates) {
                VehicleFacts v = vehicles.get(plate);
                PlateExemptions ex = exemptions.get(plate);
                answers.put(plate, v != null ? RegisterAnswer.found(v, ex) : RegisterAnswer.unknown(ex));
            }
        } catch (SQLException e) {
            drop();
            for (String plate : plates) answers.put(plate, RegisterAnswer.unavailable("register query failed: SQLState " + e.getSQLState()));
        }
        return answers;
    }

    /** An exemption register's row of {@link #REGISTERS_SQL} into the plate's entries. */
    private static void exemption(PlateExemptions e, int register, ResultSet rs) throws SQLException {
        switch (register) {
            case CARD -> e.card(rs.getDate(11).toLocalDate(), rs.getDate(12).toLocalDate());
            case RESIDENT -> e.resident(new ResidentRegister.Resident(rs.getBoolean(10), date(rs.getDate(11)), date(rs.getDate(12))));
            case PERMIT -> e.permit(new PermitRegister.Permit(rs.getString(2), rs.getString(3), rs.getTimestamp(7).toInstant(),
                    rs.getTimestamp(8).toInstant(), zones(rs.getArray(9))));
            case PAYMENT -> e.payment(new PaidEntryRegister.Payment(rs.getString(2), rs.getString(3), rs.getTimestamp(7).toInstant(),
                    rs.getTimestamp(8).toInstant(), zones(rs.getArray(9))));
            case OCCASIONAL -> e.occasionalDay(rs.getDate(11).toLocalDate());
            default -> throw new IllegalStateException("unknown register " + register);
        }
    }

    /** A vehicle row of {@link #REGISTERS_SQL} (columns by position: by name, each was a search of the row's columns). */
    static VehicleFacts facts(ResultSet rs) throws SQLException {
        Date first = rs.getDate(11);
        return VehicleFacts.builder()
                .category(VehicleCategory.parse(rs.getString(3)).orElse(null))
                .fuel(Fuel.parse(rs.getString(4)).orElse(null))
                .euroNorm(EuroNorm.parse(rs.getString(5)).orElse(null))
                .specialService(ServiceKind.parse(rs.getString(6)).orElse(null))
                .historic(rs.getBoolean(10))
                .firstRegistration(first == null ? null : first.toLocalDate())
                .productionYear(rs.getInt(13))
                .grossMassKg(rs.getInt(14))
                .build();
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static Set<String> zones(java.sql.Array a) throws SQLException {
        return a == null ? Set.of() : new java.util.HashSet<>(java.util.Arrays.asList((String[]) a.getArray()));
    }

    private Connection connection() throws SQLException {
        Connection c = connection.get();
        if (c == null || c.isClosed()) {
            c = DriverManager.getConnection(jdbcUrl);
            c.setReadOnly(true); // one statement per batch, in its own (read-only) transaction
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
