package pl.kielce.traffic.ctz.enforcement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The register client against the real registers (PostGIS, migrations applied): batched lookups give each plate its own answer. */
@ExtendWith(PostgisExtension.class)
class JdbcRegisterClientTest {

    @Test
    void manyConcurrentLookupsAreBatchedAndEachPlateGetsItsOwnAnswer() throws Exception {
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO vehicle_register (plate, category, fuel, euro_norm, production_year, gross_mass_kg, historic) "
                    + "SELECT 'TQR' || i, 'M1', CASE WHEN i % 2 = 0 THEN 'diesel' ELSE 'petrol' END, 'EURO_6', 2018, 1500, false "
                    + "FROM generate_series(0, 999) i ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO occasional_entries (plate, day) VALUES ('TQR7', '2027-01-02'), ('TQR7', '2027-01-03') "
                    + "ON CONFLICT DO NOTHING");
        }
        try (JdbcRegisterClient client = new JdbcRegisterClient(PostgisExtension.jdbcUrl(), JdbcRegisterClient.DEFAULT_SQL, 2)) {
            List<CompletableFuture<RegisterAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 1200; i++) answers.add(client.lookup("TQR" + i)); // 200 unknown; more than one batch
            answers.add(client.lookup("TQR7")); // twice in one batch
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 1200; i++) {
                RegisterAnswer a = answers.get(i).get();
                if (i < 1000) {
                    assertThat(a.status()).as("TQR" + i).isEqualTo(RegisterAnswer.Status.FOUND);
                    assertThat(a.facts().fuel()).isEqualTo(i % 2 == 0 ? Fuel.DIESEL : Fuel.PETROL);
                    assertThat(a.facts().euroNorm()).isEqualTo(EuroNorm.EURO_6);
                    assertThat(a.exemptions() != null).as("TQR" + i).isEqualTo(i == 7);
                } else {
                    assertThat(a.status()).as("TQR" + i).isEqualTo(RegisterAnswer.Status.UNKNOWN);
                }
            }
            assertThat(answers.get(1200).get().exemptions().isEmpty()).isFalse();
            client.close();
            assertThat(client.lookup("TQR1").get(5, TimeUnit.SECONDS).available()).isFalse();
        }
    }

    @Test
    void aFailingQueryMakesEveryPlateOfTheBatchUnavailableNotAnException() throws Exception {
        try (JdbcRegisterClient client = new JdbcRegisterClient(PostgisExtension.jdbcUrl(), "SELECT no_such_column FROM unnest(?::text[]) p(plate)", 1)) {
            RegisterAnswer a = client.lookup("TQR1").get(10, TimeUnit.SECONDS);
            assertThat(a.available()).isFalse();
            assertThat(a.detail()).contains("SQLState");
        }
    }
}
