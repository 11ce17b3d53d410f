package pl.kielce.traffic.ctz.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.ctz.policy.CityPacks;

class PolicyCliTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

    int run(String... args) {
        return new PolicyCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    String out() { return out.toString(StandardCharsets.UTF_8); }
    String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void validateGoodAndBadPacks(@TempDir Path tmp) throws Exception {
        assertThat(run("validate", CityPacks.dir("kielce").toString())).isZero();
        assertThat(out()).contains("OK", "policy kielce-sct version 2026.11.1-illustrative (illustrative)", "3 stage(s)", "13 camera(s)");
        for (String f : new String[] {"policy.yaml", "zones.geojson", "cameras.geojson"}) Files.copy(CityPacks.dir("kielce").resolve(f), tmp.resolve(f));
        Files.writeString(tmp.resolve("policy.yaml"), Files.readString(tmp.resolve("policy.yaml")).replace("minEuro: Euro 4", "minEuro: Euro four"));
        assertThat(run("validate", tmp.toString())).isEqualTo(1);
        assertThat(err()).contains("2 problem(s)", "policy.yaml:38: stages[0] \"stage-1\".requirements[1] \"s1-diesel\".minEuro: \"Euro four\" is not a Euro norm.");
    }

    @Test
    void checkByFactsAndByPlate(@TempDir Path tmp) throws Exception {
        Path v = tmp.resolve("v.json");
        Files.writeString(v, "{\"category\": \"M1\", \"fuel\": \"diesel\", \"euroNorm\": \"Euro 4\", \"productionYear\": 2007, \"grossMassKg\": 1700}");
        assertThat(run("check", "--policy", CityPacks.dir("kielce").toString(), "--camera", "KCE-CAM-01", "--at", "2029-03-05T10:15:00+01:00", "--vehicle", v.toString())).isZero();
        assertThat(out()).contains("\"outcome\": \"VIOLATION\"", "\"id\": \"s2-diesel\"", "\"stage\": {", "\"euroNorm\": \"Euro 4\"");
        Path csv = tmp.resolve("reg.csv");
        Files.writeString(csv, "plate,category,fuel,euro_norm,production_year\nTK12345,M1,petrol,Euro 6,2016\n");
        out.reset();
        assertThat(run("check", "--policy", CityPacks.dir("kielce").toString(), "--camera", "KCE-CAM-01", "--at", "2031-03-05T10:15", "--plate", "tk 12345", "--register", csv.toString())).isZero();
        assertThat(out()).contains("\"outcome\": \"ALLOWED\"", "\"reason\": \"COMPLIANT\"").doesNotContain("TK12345");
        out.reset();
        assertThat(run("check", "--policy", CityPacks.dir("kielce").toString(), "--camera", "KCE-CAM-01", "--at", "2031-03-05T10:15", "--plate", "XX999", "--register", csv.toString())).isZero();
        assertThat(out()).contains("\"outcome\": \"REVIEW\"", "\"reason\": \"UNKNOWN_VEHICLE\"");
    }

    @Test
    void checkWithExemptionRegistersFromYaml(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("reg.csv");
        Files.writeString(csv, "plate,category,fuel,euro_norm,production_year,gross_mass_kg\nTK1RES,M1,diesel,Euro 3,2003,1700\nTK1PAY,M1,diesel,Euro 3,2003,1700\n");
        Path ex = tmp.resolve("ex.yaml");
        Files.writeString(ex, """
                residents:
                  - {plate: TK1RES, taxPayingResident: true, ownedSince: 2020-01-01}
                payments:
                  - {plate: TK1PAY, product: day-pass, validFrom: "2027-08-02T00:00:00+02:00", validTo: "2027-08-03T00:00:00+02:00"}
                """);
        String pack = CityPacks.dir("kielce").toString();
        assertThat(run("check", "--policy", pack, "--camera", "KCE-CAM-01", "--at", "2027-08-02T10:15", "--plate", "TK1RES", "--register", csv.toString(), "--exemptions", ex.toString())).isZero();
        assertThat(out()).contains("\"outcome\": \"EXEMPT\"", "\"id\": \"residents\"");
        out.reset();
        assertThat(run("check", "--policy", pack, "--camera", "KCE-CAM-01", "--at", "2027-08-02T10:15", "--plate", "TK1PAY", "--register", csv.toString(), "--exemptions", ex.toString())).isZero();
        assertThat(out()).contains("\"outcome\": \"EXEMPT\"", "\"id\": \"paid-entry\"");
        out.reset();
        assertThat(run("check", "--policy", pack, "--camera", "KCE-CAM-01", "--at", "2027-08-04T10:15", "--plate", "TK1PAY", "--register", csv.toString(), "--exemptions", ex.toString())).isZero();
        assertThat(out()).contains("\"outcome\": \"EXEMPT\"", "\"id\": \"occasional-entries\"", "\"consumesOccasionalEntry\": true");
    }

    @Test
    void badInputsAreNamed(@TempDir Path tmp) throws Exception {
        Path v = tmp.resolve("v.json");
        Files.writeString(v, "{\"category\": \"M9\", \"fuel\": \"coal\", \"colour\": \"red\"}");
        assertThat(run("check", "--policy", CityPacks.dir("kielce").toString(), "--camera", "KCE-CAM-01", "--at", "2029-03-05T10:15", "--vehicle", v.toString())).isEqualTo(1);
        assertThat(err()).contains("unknown field \"colour\"", "category \"M9\" is not one of", "fuel \"coal\" is not one of");
        assertThat(run("check", "--policy", CityPacks.dir("kielce").toString(), "--camera", "KCE-CAM-01", "--at", "tomorrow", "--vehicle", v.toString())).isEqualTo(2);
        assertThat(err()).contains("--at \"tomorrow\" is not an ISO-8601 date-time");
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void showRulesAndZones() {
        assertThat(run("show", CityPacks.dir("warszawa").toString())).isZero();
        assertThat(out()).contains("\"id\": \"stage-2030\"", "\"minEuro\": \"Euro 6d-TEMP\"", "\"validTo\": \"2031-12-31\"",
                "\"textPl\": \"M1, M2, M3, N1, N2, N3 · olej napędowy: Euro 6d lub nowsza\"", "\"WAW-CAM-03\"");
        out.reset();
        assertThat(run("show", CityPacks.dir("kielce").toString(), "--zones")).isZero();
        assertThat(out()).startsWith("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"kielce-centre\"")
                .contains("\"stages\":[\"stage-1\"]", "\"type\":\"Polygon\",\"coordinates\":[[[20.6185,50.8748]");
    }

    @Test
    void whatIf(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("p.csv");
        Files.writeString(csv, """
                camera,at,category,fuel,euro_norm,production_year,first_registration,gross_mass_kg,plate_country
                KCE-CAM-01,2026-10-05T07:40:00+02:00,M1,diesel,Euro 4,2008,2008-02-01,1700,PL
                KCE-CAM-13,2026-10-05T08:20:00+02:00,M1,diesel,Euro 4,2008,2008-02-01,1700,PL
                KCE-CAM-01,2026-10-05T17:06:00+02:00,M1,petrol,Euro 9,2000,,2400,
                """);
        assertThat(run("whatif", "--policy", CityPacks.dir("kielce").toString(), "--stage", "stage-2", "--passages", csv.toString())).isZero();
        assertThat(out()).contains("\"passages\": 2", "\"VIOLATION\": 1", "\"KCE-CAM-01\": 1", "\"rejectedRows\": 1");
        assertThat(err()).contains("line 4, column euro_norm (\"Euro 9\")");
    }
}
