package pl.kielce.traffic.counts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pl.kielce.traffic.events.PassageCount;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgisExtension.class)
class PassageCountStoreTest {
    static final Instant START = Instant.parse("2025-06-01T08:00:00Z");

    @Test
    void upsertIsIdempotentAndKeepsTheLatestCount() throws Exception {
        try (var writer = new PassageCountStore(PostgisExtension.jdbcUrl()).writer()) {
            writer.write(new PassageCount("store-cam", START, START.plusSeconds(300), 4), null);
            writer.write(new PassageCount("store-cam", START, START.plusSeconds(300), 4), null);
            writer.write(new PassageCount("store-cam", START, START.plusSeconds(300), 6), null); // late update
            writer.write(new PassageCount("store-cam", START.plusSeconds(300), START.plusSeconds(600), 1), null);
        }
        try (Connection c = PostgisExtension.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT window_start, passages FROM passage_counts WHERE camera_id = 'store-cam' ORDER BY window_start")) {
            rs.next();
            assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(START);
            assertThat(rs.getLong(2)).isEqualTo(6);
            rs.next();
            assertThat(rs.getLong(2)).isEqualTo(1);
            assertThat(rs.next()).isFalse();
        }
    }
}
