package pl.kielce.traffic.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Applies (out of order allowed, see the version ranges in the README) every Flyway migration found at {@code classpath:db/migration} (all modules' migrations that
 * are on the classpath: foundation V1–V99, zone-policy V100–V199, …).
 */
public final class Migrations {
    /** Where migrations live on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** Migrates the database at {@code jdbcUrl} (user/password in the URL, e.g. {@code ?user=postgres}). */
    public static MigrateResult migrate(String jdbcUrl) {
        return migrate(configure().dataSource(jdbcUrl, null, null).load());
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return migrate(configure().dataSource(dataSource).load());
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration configure() {
        return Flyway.configure(Migrations.class.getClassLoader())
                .locations(LOCATION)
                // modules own version ranges (V1–V99, V100–V199, …) and land in any order: a database that
                // already has V400 must still accept a new V2
                .outOfOrder(true)
                .failOnMissingLocations(true);
    }

    private static MigrateResult migrate(Flyway flyway) {
        return flyway.migrate();
    }
}
