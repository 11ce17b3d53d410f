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
    void everyColumnOfEveryRegisterReachesTheAnswer() throws Exception {
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO vehicle_register (plate, category, fuel, euro_norm, production_year, first_registration, "
                    + "gross_mass_kg, historic, special_service) VALUES ('TQC1', 'N2', 'lpg', 'EURO_5', 2011, '2011-03-04', 7200, "
                    + "true, 'fire-rescue') ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO residents (plate, tax_paying_resident, owned_since, owner_birth_date) "
                    + "VALUES ('TQC1', false, '2019-05-06', '1951-07-08') ON CONFLICT DO NOTHING");
        }
        try (JdbcRegisterClient client = new JdbcRegisterClient(PostgisExtension.jdbcUrl(), 1)) {
            RegisterAnswer a = client.lookup("TQC1").get(30, TimeUnit.SECONDS);
            assertThat(a.status()).isEqualTo(RegisterAnswer.Status.FOUND);
            var f = a.facts();
            assertThat(f.category()).isEqualTo(pl.kielce.traffic.ctz.policy.VehicleCategory.N2);
            assertThat(f.fuel()).isEqualTo(Fuel.LPG);
            assertThat(f.euroNorm()).isEqualTo(EuroNorm.EURO_5);
            assertThat(f.productionYear()).isEqualTo(2011);
            assertThat(f.firstRegistration()).isEqualTo(java.time.LocalDate.of(2011, 3, 4));
            assertThat(f.grossMassKg()).isEqualTo(7200);
            assertThat(f.historic()).isTrue();
            assertThat(f.specialService()).isEqualTo(pl.kielce.traffic.ctz.policy.ServiceKind.FIRE_RESCUE);
            var resident = a.exemptions().toExemptions("TQC1").residents().find("TQC1").orElseThrow();
            assertThat(resident.taxPayingResident()).isFalse();
            assertThat(resident.ownedSince()).isEqualTo(java.time.LocalDate.of(2019, 5, 6));
            assertThat(resident.ownerBirthDate()).isEqualTo(java.time.LocalDate.of(1951, 7, 8));
        }
    }

    @Test
    void manyConcurrentLookupsAreBatchedAndEachPlateGetsItsOwnAnswer() throws Exception {
        try (Connection c = PostgisExtension.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO vehicle_register (plate, category, fuel, euro_norm, production_year, gross_mass_kg, historic) "
                    + "SELECT 'TQR' || i, 'M1', CASE WHEN i % 2 = 0 THEN 'diesel' ELSE 'petrol' END, 'EURO_6', 2018, 1500, false "
                    + "FROM generate_series(0, 999) i ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO occasional_entries (plate, day) VALUES ('TQR7', '2027-01-02'), ('TQR7', '2027-01-03') "
                    + "ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO permits (plate, kind, valid_from, valid_to, zone_ids) VALUES "
                    + "('TQR7', 'medical', now() - interval '1 day', now() + interval '30 days', '{kielce-centre}'), "
                    + "('TQR1100', 'delivery', now() - interval '1 day', now() + interval '30 days', '{}')");
            st.execute("INSERT INTO residents (plate, tax_paying_resident, owned_since) VALUES ('TQR8', true, '2020-01-01') "
                    + "ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO disability_cards (plate, valid_from, valid_to) VALUES ('TQR9', current_date - 10, current_date + 300) "
                    + "ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO paid_entries (plate, product, valid_from, valid_to, zone_ids) VALUES "
                    + "('TQR9', 'day-pass', now() - interval '1 hour', now() + interval '5 hours', '{}'), "
                    + "('TQR9', 'hourly', now() - interval '10 days', now() - interval '9 days', '{}')"); // long over: not read
        }
        try (JdbcRegisterClient client = new JdbcRegisterClient(PostgisExtension.jdbcUrl(), 2)) {
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
                    assertThat(a.exemptions() != null).as("TQR" + i).isEqualTo(i == 7 || i == 8 || i == 9);
                } else {
                    assertThat(a.status()).as("TQR" + i).isEqualTo(RegisterAnswer.Status.UNKNOWN);
                    assertThat(a.exemptions() != null).as("TQR" + i).isEqualTo(i == 1100); // a permit for an unknown vehicle
                }
            }
            // the plate's own entries, as the engine sees them
            var tqr7 = answers.get(1200).get().exemptions().toExemptions("TQR7");
            assertThat(tqr7.occasionalEntries().daysUsed("TQR7", 2027)).isEqualTo(2);
            java.time.Instant now = java.time.Instant.now();
            assertThat(tqr7.permits().hasPermit("TQR7", now, "kielce-centre", java.util.Set.of("medical"))).isTrue();
            assertThat(tqr7.permits().hasPermit("TQR7", now, "other-zone", java.util.Set.of("medical"))).isFalse();
            assertThat(answers.get(8).get().exemptions().toExemptions("TQR8").residents().find("TQR8")).isPresent();
            var tqr9 = answers.get(9).get().exemptions().toExemptions("TQR9");
            assertThat(tqr9.disabledCards().hasValidCard("TQR9", java.time.LocalDate.now())).isTrue();
            assertThat(tqr9.paidEntries().hasPaidEntry("TQR9", now, "kielce-centre", java.util.Set.of("day-pass"))).isTrue();
            assertThat(tqr9.paidEntries().hasPaidEntry("TQR9", now.minus(java.time.Duration.ofDays(9)).minusSeconds(43_200),
                    "kielce-centre", java.util.Set.of())).as("the payment that ended 9 days ago is not read").isFalse();
            client.close();
            assertThat(client.lookup("TQR1").get(5, TimeUnit.SECONDS).available()).isFalse();
        }
    }

    @Test
    void aFailingQueryMakesEveryPlateOfTheBatchUnavailableNotAnException() throws Exception {
        String noSuchDatabase = PostgisExtension.jdbcUrl().replaceFirst("/(\\w+)(\\?|$)", "/no_such_database_$1$2");
        assertThat(noSuchDatabase).isNotEqualTo(PostgisExtension.jdbcUrl());
        try (JdbcRegisterClient client = new JdbcRegisterClient(noSuchDatabase, 1)) {
            RegisterAnswer a = client.lookup("TQR1").get(10, TimeUnit.SECONDS);
            assertThat(a.available()).isFalse();
            assertThat(a.detail()).contains("SQLState");
        }
    }
}
