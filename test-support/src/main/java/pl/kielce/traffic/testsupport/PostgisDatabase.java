package pl.kielce.traffic.testsupport;

import org.postgresql.ds.PGSimpleDataSource;
import pl.kielce.traffic.store.Migrations;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A fresh, uniquely named PostgreSQL database with PostGIS and every Flyway migration applied, in either
 * an existing cluster ({@link #inCluster(String)}) or a private cluster this class starts itself
 * ({@link #inPrivateCluster(Path)}). {@link #close()} drops the database, and stops and deletes a
 * private cluster.
 */
public final class PostgisDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String databaseName;
    private final String jdbcUrl;
    private final PrivateCluster privateCluster;
    private boolean closed;

    private PostgisDatabase(String adminUrl, String databaseName, PrivateCluster privateCluster) {
        this.adminUrl = adminUrl;
        this.databaseName = databaseName;
        this.jdbcUrl = withDatabase(adminUrl, databaseName);
        this.privateCluster = privateCluster;
    }

    /**
     * Creates a database in the cluster reached by {@code adminUrl}, e.g.
     * {@code jdbc:postgresql://localhost:55433/postgres?user=postgres} (a role allowed to create databases).
     */
    public static PostgisDatabase inCluster(String adminUrl) {
        return create(adminUrl, null);
    }

    /** Starts a private cluster (initdb; {@code runuser -u postgres} when root) under {@code parent}. */
    public static PostgisDatabase inPrivateCluster(Path parent) {
        PrivateCluster cluster = PrivateCluster.start(parent);
        try {
            return create(cluster.adminUrl(), cluster);
        } catch (RuntimeException e) {
            cluster.stop();
            throw e;
        }
    }

    private static PostgisDatabase create(String adminUrl, PrivateCluster cluster) {
        String name = "test_" + ProcessHandle.current().pid() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PostgisDatabase db = new PostgisDatabase(adminUrl, name, cluster);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database in " + redact(adminUrl) + ": " + e.getMessage()
                    + (cluster == null ? " (is the cluster of TRAFFIC_TEST_PG_URL running? ./traffic test starts one)" : ""), e);
        }
        try {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            }
            Migrations.migrate(db.jdbcUrl);
            return db;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw new IllegalStateException("cannot prepare test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** JDBC URL of this database (user in the URL). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String databaseName() {
        return databaseName;
    }

    /** A simple (non-pooled) data source for this database. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        return ds;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (privateCluster == null) {
                try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
                } catch (SQLException e) {
                    System.err.println("[test-support] could not drop test database " + databaseName + ": " + e.getMessage());
                }
            }
        } finally {
            if (privateCluster != null) {
                privateCluster.stop();
            }
        }
    }

    /** {@code url} with its database (path) replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + redact(url));
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getRawAuthority() + "/" + database + query;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** A throw-away cluster: initdb, pg_ctl start on a free port, fsync off; stop + delete. */
    static final class PrivateCluster {
        private final Path dir;
        private final int port;
        private final Path bin;

        private PrivateCluster(Path dir, int port, Path bin) {
            this.dir = dir;
            this.port = port;
            this.bin = bin;
        }

        static PrivateCluster start(Path parent) {
            Path bin = postgresBin();
            Path dir;
            int port;
            try {
                Files.createDirectories(parent);
                dir = Files.createTempDirectory(parent.toAbsolutePath(), "pg-");
                port = KafkaBroker.freePort();
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a folder for the private PostgreSQL cluster: " + e, e);
            }
            PrivateCluster cluster = new PrivateCluster(dir, port, bin);
            try {
                if (isRoot()) {
                    run(List.of("chown", "-R", "postgres:", dir.toString()), dir, false);
                }
                run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"), dir, true);
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                        "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
                        "-p " + port + " -k " + dir + " -c listen_addresses=localhost -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                        "start"), dir, true);
                return cluster;
            } catch (RuntimeException e) {
                cluster.stop();
                throw e;
            }
        }

        String adminUrl() {
            return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        }

        void stop() {
            if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                            "-m", "immediate", "-w", "stop"), dir, true);
                } catch (RuntimeException e) {
                    System.err.println("[test-support] could not stop private PostgreSQL in " + dir + ": " + e.getMessage());
                }
            }
            KafkaBroker.deleteQuietly(dir);
        }

        private static Path postgresBin() {
            String fromEnv = System.getenv("PG_BIN");
            List<Path> candidates = new ArrayList<>();
            if (fromEnv != null && !fromEnv.isBlank()) {
                candidates.add(Paths.get(fromEnv));
            }
            for (int v = 18; v >= 13; v--) {
                candidates.add(Paths.get("/usr/lib/postgresql/" + v + "/bin"));
            }
            for (Path c : candidates) {
                if (Files.isExecutable(c.resolve("initdb"))) {
                    return c;
                }
            }
            throw new IllegalStateException("no PostgreSQL server found (looked for initdb in " + candidates
                    + "). Run ./traffic setup (installs postgresql-15 and postgresql-15-postgis-3), "
                    + "or set TRAFFIC_TEST_PG_URL to a cluster with PostGIS.");
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static void run(List<String> command, Path dir, boolean asPostgres) {
            List<String> full = new ArrayList<>();
            if (asPostgres && isRoot()) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            try {
                Process p = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("command.log").toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + String.join(" ", full));
                }
                if (p.exitValue() != 0) {
                    String log = Files.readString(dir.resolve("command.log"));
                    Path pgLog = dir.resolve("postgres.log");
                    if (Files.exists(pgLog)) {
                        log += "\n" + Files.readString(pgLog);
                    }
                    throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", full)
                            + "\n" + log.strip());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + String.join(" ", full) + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
            }
        }
    }
}
