package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;
import pl.kielce.traffic.ctz.policy.load.PolicyPacks;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;
import pl.kielce.traffic.testsupport.PostgisExtension;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
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
        files.put("policy.yaml", withoutOccasional.replaceFirst("(?m)^version: .*$", "version: \"" + version + "\""));
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

    // ------------------------------------------------------------------ whole-job tests on the shared broker and PostGIS

    /** The job's topics for a test: its own reads (2 partitions) and policy topic, the shared output topics. */
    static void createTopics(String readsTopic, String policyTopic) {
        KafkaBrokerExtension.createTopics(2, readsTopic);
        KafkaBrokerExtension.createTopics(1, policyTopic, Topics.CTZ_VIOLATIONS, Topics.CTZ_REVIEWS, Topics.EVIDENCE_CLAIMS,
                Topics.ANPR_READS_DLQ, Topics.DEAD_LETTER);
    }

    /** M1 diesels of the given Euro norm and year in the vehicle register. */
    static void registerDiesels(List<String> plates, String euroNorm, int year) throws Exception {
        try (Connection c = PostgisExtension.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO vehicle_register (plate, category, fuel, euro_norm, "
                     + "production_year, gross_mass_kg, historic, special_service) VALUES (?, 'M1', 'diesel', ?, ?, 1500, false, null)")) {
            for (String pl : plates) {
                ps.setString(1, pl);
                ps.setString(2, euroNorm);
                ps.setInt(3, year);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The job wired as in production — Kafka sources (reads, policy with bootstrap), exactly-once Kafka sink, PostGIS
     * sinks and register — on the shared broker and database, started on the test's MiniCluster at parallelism 2 with
     * checkpoints every 200 ms. The caller cancels the returned client.
     */
    static JobClient startJob(String name, String readsTopic, String policyTopic, EnforcementSettings settings) throws Exception {
        String kafka = KafkaBrokerExtension.bootstrapServers();
        String jdbc = PostgisExtension.jdbcUrl();
        EnforcementJob job = new EnforcementJob(
                KafkaIo.source(kafka, readsTopic, name),
                KafkaIo.policySource(kafka, policyTopic, name + "-policy"),
                PolicyBootstrap.kafka(kafka, policyTopic, Duration.ofSeconds(30)),
                KafkaIo.exactlyOnceSink(kafka, name),
                JdbcSinks.cases(jdbc), JdbcSinks.counts(jdbc), JdbcSinks.occasionalEntries(jdbc),
                JdbcRegisterClient.factory(jdbc, 2),
                testPackJson("shipped"), settings, Clock.systemUTC());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        job.addTo(env);
        return env.executeAsync(name);
    }
}
