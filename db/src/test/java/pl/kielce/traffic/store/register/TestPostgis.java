package pl.kielce.traffic.store.register;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import pl.kielce.traffic.store.Migrations;

/**
 * A fresh PostGIS database with every migration, once per test JVM. test-support's {@code PostgisExtension}
 * cannot be used here: test-support depends on this module (a Maven cycle), so this is the same recipe
 * in small — the cluster of {@code TRAFFIC_TEST_PG_URL} when set ({@code ./traffic test}), else a private
 * throw-away cluster under {@code target/}.
 */
final class TestPostgis {
    private static DataSource dataSource;

    private TestPostgis() {}

    static synchronized DataSource dataSource() throws Exception {
        if (dataSource != null) return dataSource;
        String admin = System.getenv("TRAFFIC_TEST_PG_URL");
        if (admin == null || admin.isBlank()) admin = privateCluster();
        String name = "test_db_" + ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = admin.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        }
        Migrations.migrate(url);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        final String adminUrl = admin;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (Exception ignored) {
                // the private cluster is deleted anyway
            }
        }));
        return dataSource = ds;
    }

    private static String privateCluster() throws Exception {
        Path bin = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pg-");
        int port;
        try (var s = new java.net.ServerSocket(0)) { port = s.getLocalPort(); }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) run(List.of("chown", "-R", "postgres:", dir.toString()), false);
        run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--locale=C.UTF-8"), root);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=localhost -c fsync=off", "start"), root);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"), root);
                run(List.of("rm", "-rf", dir.toString()), false);
            } catch (Exception ignored) {
                // best effort
            }
        }));
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    private static void run(List<String> cmd, boolean asPostgres) throws Exception {
        List<String> full = new java.util.ArrayList<>();
        if (asPostgres) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(cmd);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
    }
}
