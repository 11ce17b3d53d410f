package pl.kielce.traffic.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code @ExtendWith(PostgisExtension.class)}: one fresh PostgreSQL database with PostGIS and every Flyway
 * migration on the test classpath applied, once per test JVM (root {@link ExtensionContext} store), dropped
 * at the end of the run.
 *
 * <p>Where: when env {@code TRAFFIC_TEST_PG_URL} is set (e.g.
 * {@code jdbc:postgresql://localhost:55433/postgres?user=postgres}; {@code ./traffic test} starts such a
 * cluster) a uniquely named database is created in that cluster. Otherwise a private cluster is
 * initialised and started under {@code target/postgis/} on a free port (as user {@code postgres} via
 * {@code runuser} when running as root) and stopped and deleted at the end.
 *
 * <p>Classes share the database: use data (ids, time ranges) unique to your test, or clean up.
 */
public final class PostgisExtension implements BeforeAllCallback {
    /** Env var naming an existing cluster to create the test database in. */
    public static final String CLUSTER_URL_ENV = "TRAFFIC_TEST_PG_URL";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgisExtension.class);
    private static volatile PostgisDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("database", key -> new Holder(), Holder.class);
    }

    private static final class Holder implements AutoCloseable {
        Holder() {
            synchronized (PostgisExtension.class) {
                if (database == null) {
                    String url = System.getenv(CLUSTER_URL_ENV);
                    database = url != null && !url.isBlank()
                            ? PostgisDatabase.inCluster(url)
                            : PostgisDatabase.inPrivateCluster(privateClusterParent());
                }
            }
        }

        @Override
        public void close() {
            synchronized (PostgisExtension.class) {
                if (database != null) {
                    database.close();
                    database = null;
                }
            }
        }
    }

    static Path privateClusterParent() {
        return Paths.get("target", "postgis").toAbsolutePath();
    }

    /** The shared test database; fails clearly when the class does not use this extension. */
    public static PostgisDatabase database() {
        PostgisDatabase db = database;
        if (db == null) {
            throw new IllegalStateException("no test database: annotate the test class with "
                    + "@ExtendWith(PostgisExtension.class)");
        }
        return db;
    }

    /** JDBC URL of the test database, user in the URL (e.g. {@code jdbc:postgresql://localhost:55433/test_123_ab?user=postgres}). */
    public static String jdbcUrl() {
        return database().jdbcUrl();
    }

    /** A non-pooled data source for the test database. */
    public static DataSource dataSource() {
        return database().dataSource();
    }
}
