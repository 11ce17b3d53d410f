package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.EventCodec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test data: the real Kielce pack (stage 1 in force from 2027-07-01), named times, vehicles and reads. */
final class CtzFixtures {
    private CtzFixtures() {
    }

    /** A Monday with stage 1 in force, 08:00 in Kielce (06:00 UTC). */
    static final Instant BEGINNING = Instant.parse("2027-08-02T06:00:00Z");
    static final Instant ONE_MINUTE_LATER = BEGINNING.plusSeconds(60);
    static final Instant TWO_HOURS_LATER = BEGINNING.plusSeconds(2 * 3600);
    static final Instant NEXT_DAY = BEGINNING.plusSeconds(24 * 3600);

    static final VehicleFacts COMPLIANT_DIESEL = VehicleFacts.of(VehicleCategory.M1, Fuel.DIESEL, EuroNorm.EURO_6, 2018);
    static final VehicleFacts OLD_DIESEL = VehicleFacts.of(VehicleCategory.M1, Fuel.DIESEL, EuroNorm.EURO_3, 2003);
    static final VehicleFacts ELECTRIC = VehicleFacts.of(VehicleCategory.M1, Fuel.ELECTRIC, null, 2021);

    static Path kielcePack() {
        return Path.of(System.getProperty("repo.root", "../"), "cities", "kielce");
    }

    /** The Kielce pack files as shipped. */
    static Map<String, String> kielceFiles() {
        return new TreeMap<>(PolicyPacks.readDir(kielcePack()));
    }

    /**
     * The Kielce pack with version {@code version} and without the occasional-entries exemption (six free days
     * a year would turn the first violations of a test into EXEMPT).
     */
    static Map<String, String> testFiles(String version) {
        Map<String, String> files = kielceFiles();
        String yaml = files.get("policy.yaml");
        String withoutOccasional = yaml.replaceAll("(?s)\\n  - id: occasional-entries\\n.*?daysPerYear: 6\\n", "\n");
        if (withoutOccasional.equals(yaml)) throw new IllegalStateException("the Kielce pack changed: no occasional-entries block");
        files.put("policy.yaml", withoutOccasional.replace("version: \"2026.11-illustrative\"", "version: \"" + version + "\""));
        return files;
    }

    static String testPackJson(String version) {
        return new String(PolicyUpdates.encode(testFiles(version)), StandardCharsets.UTF_8);
    }

    static Policy testPolicy(String version) {
        return PolicyPacks.fromStrings(testFiles(version));
    }

    /** Cameras inside the stage-1 zone, sorted. */
    static List<String> zoneCameras(Policy p) {
        return p.cameras().keySet().stream().filter(c -> p.cameraZone(c, "stage-1").isPresent()).sorted().toList();
    }

    /** Cameras outside the stage-1 zone, sorted. */
    static List<String> outsideCameras(Policy p) {
        return p.cameras().keySet().stream().filter(c -> p.cameraZone(c, "stage-1").isEmpty()).sorted().toList();
    }

    static PlateRead read(String readId, String camera, Instant at, String plate) {
        return new PlateRead(readId, camera, at.toEpochMilli(), plate, "PL", 0.97, "img/" + readId + ".jpg");
    }

    static AnprRead anprRead(String readId, String camera, Instant at, String plate) {
        return new AnprRead(readId, camera, OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(2)), plate, "PL", 0.97, List.of(),
                "img/" + readId + ".jpg", null);
    }

    static byte[] json(AnprRead r) {
        return EventCodec.encode(r);
    }
}
