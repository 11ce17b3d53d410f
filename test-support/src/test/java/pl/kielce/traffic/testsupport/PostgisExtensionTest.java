package pl.kielce.traffic.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgisExtension.class)
class PostgisExtensionTest {

    @Test
    void databaseHasPostgisAndTheFoundationMigration() throws SQLException {
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT ST_Distance(ST_GeogFromText('POINT(20.6286 50.8661)'),"
                    + " ST_GeogFromText('POINT(20.6400 50.8700)'))");
            rs.next();
            assertThat(rs.getDouble(1)).isBetween(800.0, 1000.0); // ~0.8 km across Kielce centre

            rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("1");

            s.executeUpdate("INSERT INTO passage_counts VALUES ('ts-cam', '2026-03-14T12:00:00Z', '2026-03-14T12:05:00Z', 4)");
            rs = s.executeQuery("SELECT window_start, passages FROM passage_counts WHERE camera_id = 'ts-cam'");
            rs.next();
            assertThat(rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC))
                    .isEqualTo(OffsetDateTime.parse("2026-03-14T12:00:00Z"));
            assertThat(rs.getLong(2)).isEqualTo(4);
            assertThatThrownBy(() -> s.executeUpdate(
                    "INSERT INTO passage_counts VALUES ('ts-cam', '2026-03-14T12:10:00Z', '2026-03-14T12:05:00Z', 1)"))
                    .hasMessageContaining("check constraint");
        }
    }

    @Test
    void jdbcUrlNamesAFreshTestDatabase() {
        assertThat(PostgisExtension.jdbcUrl()).startsWith("jdbc:postgresql://").contains("/test_");
    }

    @Test
    void replacesTheDatabaseInAUrl() {
        assertThat(PostgisDatabase.withDatabase("jdbc:postgresql://localhost:55433/postgres?user=postgres", "x"))
                .isEqualTo("jdbc:postgresql://localhost:55433/x?user=postgres");
        assertThat(PostgisDatabase.withDatabase("jdbc:postgresql://h:1/", "y")).isEqualTo("jdbc:postgresql://h:1/y");
        assertThatThrownBy(() -> PostgisDatabase.withDatabase("jdbc:mysql://h/x?password=secret", "y"))
                .hasMessageContaining("not a jdbc:postgresql").hasMessageNotContaining("secret");
    }
}
