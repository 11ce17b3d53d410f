package pl.kielce.traffic.store.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import pl.kielce.traffic.ctz.policy.Camera;
import pl.kielce.traffic.ctz.policy.Decision;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.Outcome;
import pl.kielce.traffic.ctz.policy.PaidEntryRegister;
import pl.kielce.traffic.ctz.policy.PassageFacts;
import pl.kielce.traffic.ctz.policy.PermitRegister;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.ReasonCode;
import pl.kielce.traffic.ctz.policy.ResidentRegister;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;

/** The registers and zones on a real PostGIS, driven through the policy engine. */
class RegistersOnPostgisTest {
    static DataSource ds;
    static Policy kielce;

    @BeforeAll
    static void setUp() throws Exception {
        ds = TestPostgis.dataSource();
        Path root = Path.of(System.getProperty("repo.root", ".."));
        if (!Files.isDirectory(root.resolve("cities"))) root = Path.of("..");
        kielce = PolicyPacks.load(root.resolve("cities/kielce"));
    }

    static Instant at(String local) { return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Warsaw")).toInstant(); }

    @Test
    void bulkImportWithRowLevelErrorsThenLookupsThroughTheCache() throws Exception {
        String csv = """
                plate,category,fuel,euro_norm,production_year,first_registration,gross_mass_kg,historic,special_service
                TK10001,M1,petrol,Euro 4,2006,2006-03-14,1450,false,
                "TK 7781A",N3,diesel,Euro VI,2016,2016-05-02,18000,,
                TK10002,M1,diesel,Euro 8,2016,,1600,,
                TK10003,X9,diesel,,2016,,1600,,
                TK10004,M1,petrol,,1975,1975-06-01,1100,true,
                TK10005,M1,diesel,Euro 5,2012,2012-01-01,1800,,police
                TK10006,M1,diesel,Euro 5,20x2,,1800,,
                """;
        RegisterImporter.Report r = new RegisterImporter(ds).importCsv("extract-test.csv", new StringReader(csv));
        assertThat(r.summary().rowsRead()).isEqualTo(7);
        assertThat(r.summary().rowsAccepted()).isEqualTo(4);
        assertThat(r.problems()).extracting(p -> p.message()).containsExactly(
                "line 4, column euro_norm (\"Euro 8\"): not a Euro norm. Fix: use Euro 0 … Euro 7, e.g. \"Euro 6d-TEMP\", or leave empty",
                "line 5, column category (\"X9\"): not a vehicle category. Fix: use one of [M1, M2, M3, N1, N2, N3, L] or leave empty",
                "line 8, column production_year (\"20x2\"): not a year. Fix: write four digits, e.g. 2006, or leave empty");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM register_import_errors WHERE import_id = " + r.importId())) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
        JdbcVehicleRegister reg = new JdbcVehicleRegister(ds, Duration.ofMinutes(5), 1000);
        assertThat(reg.find("TK10001")).contains(VehicleFacts.builder().category(VehicleCategory.M1).fuel(Fuel.PETROL)
                .euroNorm(EuroNorm.EURO_4).productionYear(2006).firstRegistration(LocalDate.of(2006, 3, 14)).grossMassKg(1450).build());
        assertThat(reg.find("tk 7781a").orElseThrow().euroNorm()).isEqualTo(EuroNorm.EURO_6);
        assertThat(reg.find("TK10004").orElseThrow().historic()).isTrue();
        assertThat(reg.find("TK10005").orElseThrow().specialService()).isEqualTo(ServiceKind.POLICE);
        assertThat(reg.find("TK10002")).isEmpty();
        // re-import updates in place (upsert by plate)
        new RegisterImporter(ds).importCsv("fix.csv", new StringReader(
                "plate,euro_norm,fuel,category\nTK10001,Euro 5,petrol,M1\n"));
        assertThat(reg.find("TK10001").orElseThrow().euroNorm()).as("cached until invalidated").isEqualTo(EuroNorm.EURO_4);
        reg.invalidateAll();
        assertThat(reg.find("TK10001").orElseThrow().euroNorm()).isEqualTo(EuroNorm.EURO_5);
        assertThat(reg.find("TK10001").orElseThrow().productionYear()).as("a column left out of the extract becomes unknown").isZero();
    }

    @Test
    void exemptionRegistersDecideThroughTheEngine() {
        JdbcExemptionRegisters ex = new JdbcExemptionRegisters(ds, Duration.ZERO);
        ex.putResident("TK2RES", new ResidentRegister.Resident(true, LocalDate.of(2020, 5, 1), null));
        ex.addCard("TK2CRD", LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 31));
        Instant now = Instant.now();
        ex.addPermit(new PermitRegister.Permit("TK2PER", "medical", now.minusSeconds(3600), now.plusSeconds(3600), Set.of("kielce-centre")));
        ex.addPayment(new PaidEntryRegister.Payment("TK2PAY", "day-pass", now.minusSeconds(3600), now.plusSeconds(3600), Set.of()));
        VehicleFacts old = VehicleFacts.of(VehicleCategory.M1, Fuel.DIESEL, EuroNorm.EURO_3, 2003);
        // judge "now" under stage 1 (the pack's stages lie in the future)
        assertThat(decide("TK2RES", old, ex, now).exemptionId()).isEqualTo("residents");
        assertThat(decide("TK2CRD", old, ex, now).exemptionId()).isEqualTo("disabled-card");
        assertThat(decide("TK2PER", old, ex, now).exemptionId()).isEqualTo("permits");
        assertThat(decide("TK2PAY", old, ex, now).exemptionId()).isEqualTo("paid-entry");
        Decision first = decide("TK2OCC", old, ex, now);
        assertThat(first.exemptionId()).isEqualTo("occasional-entries");
        assertThat(first.consumesOccasionalEntry()).isTrue();
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of("Europe/Warsaw"));
        ex.record("TK2OCC", today);
        ex.record("TK2OCC", today); // idempotent
        assertThat(ex.daysUsed("TK2OCC", today.getYear())).isEqualTo(1);
        assertThat(decide("TK2OCC", old, ex, now).consumesOccasionalEntry()).isFalse();
    }

    private static Decision decide(String plate, VehicleFacts v, JdbcExemptionRegisters ex, Instant at) {
        Decision d = kielce.decideUnderStage("stage-1", PassageFacts.of("KCE-CAM-01", plate), v, ex.asExemptions(), at);
        assertThat(d.outcome()).as(d.explanation()).isEqualTo(Outcome.EXEMPT);
        return d;
    }

    @Test
    void databaseDownMeansReviewNotViolation() {
        PGSimpleDataSource dead = new PGSimpleDataSource();
        dead.setURL("jdbc:postgresql://localhost:1/none?user=postgres&connectTimeout=1");
        JdbcExemptionRegisters ex = new JdbcExemptionRegisters(dead, Duration.ZERO);
        Decision d = kielce.decideUnderStage("stage-1", PassageFacts.of("KCE-CAM-01", "TK3X"),
                VehicleFacts.of(VehicleCategory.M1, Fuel.DIESEL, EuroNorm.EURO_3, 2003), ex.asExemptions(), at("2027-08-02T10:00"));
        assertThat(d.reason()).isEqualTo(ReasonCode.EXEMPTION_UNVERIFIED);
        assertThatThrownBy(() -> new JdbcVehicleRegister(dead).find("TK1")).isInstanceOf(RegisterUnavailableException.class);
    }

    @Test
    void zonesInPostgisAgreeWithTheEngine() {
        PolicyZoneStore store = new PolicyZoneStore(ds);
        store.store(kielce);
        store.store(kielce); // replacing the same version is fine
        for (Camera c : kielce.cameras().values()) {
            assertThat(store.zonesContaining(kielce.id(), kielce.version(), c.lon(), c.lat()))
                    .as(c.id()).isEqualTo(kielce.zonesContaining(c.lon(), c.lat()));
        }
        assertThat(store.zonesContaining(kielce.id(), kielce.version(), 20.6286, 50.8703)).containsExactly("kielce-centre", "kielce-downtown", "kielce-inner");
    }
}
