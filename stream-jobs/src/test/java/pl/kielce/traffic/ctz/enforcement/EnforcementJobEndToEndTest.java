package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.events.AnprRead;
import pl.kielce.traffic.events.DeadLetter;
import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.Violation;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.enforcement.CtzFixtures.*;

/**
 * The whole job on real parts — Kafka broker (KRaft), Flink MiniCluster at parallelism 2, PostGIS — with two
 * injected task failures mid-stream. Checks: the violations and reviews equal the expected sets (none lost,
 * none duplicated, read_committed), the console's case table and the counters, late and invalid reads
 * dead-lettered, a policy update taking effect at runtime, and privacy: no plate of an ALLOWED or EXEMPT vehicle
 * in any topic (read even uncommitted), table or log line.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgisExtension.class})
class EnforcementJobEndToEndTest {
    static final String READS = "ctz-e2e.anpr.reads";
    static final String POLICY = "ctz-e2e.policy.updates";
    static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    record Plates(List<String> compliant, List<String> old, List<String> unknown, List<String> electric, List<String> police,
                  List<String> permitted) {
        List<String> all() {
            List<String> a = new ArrayList<>(compliant);
            a.addAll(old);
            a.addAll(unknown);
            a.addAll(electric);
            a.addAll(police);
            a.addAll(permitted);
            return a;
        }

        List<String> neverStored() {
            List<String> a = new ArrayList<>(compliant);
            a.addAll(electric);
            a.addAll(police);
            a.addAll(permitted);
            return a;
        }
    }

    static List<String> plates(String prefix, int n) {
        List<String> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) l.add(String.format("%s%04d", prefix, i));
        return l;
    }

    @Test
    void decidesExactlyOnceAcrossFailuresAndKeepsNoCompliantPlate() throws Exception {
        StringWriter logs = captureLogs();
        FailingSink.reset();
        KafkaBrokerExtension.createTopics(2, READS);
        KafkaBrokerExtension.createTopics(1, POLICY, Topics.CTZ_VIOLATIONS, Topics.CTZ_REVIEWS, Topics.EVIDENCE_CLAIMS,
                Topics.ANPR_READS_DLQ, Topics.DEAD_LETTER);
        String kafka = KafkaBrokerExtension.bootstrapServers();
        String jdbc = PostgisExtension.jdbcUrl();
        Plates p = new Plates(plates("TKC", 40), plates("TKV", 20), plates("TKU", 10), plates("TKE", 10), plates("TKP", 5),
                plates("TKX", 5));
        fillRegister(p);

        Policy policy = testPolicy("e2e-1");
        List<String> zone = zoneCameras(policy);
        String outside = outsideCameras(policy).get(0);
        EnforcementSettings settings = EnforcementSettings.DEFAULTS.withCountFlushInterval(Duration.ofMillis(300));
        EnforcementJob job = new EnforcementJob(
                KafkaIo.source(kafka, READS, "ctz-e2e"),
                KafkaIo.policySource(kafka, POLICY, "ctz-e2e-policy"),
                PolicyBootstrap.kafka(kafka, POLICY, Duration.ofSeconds(30)),
                KafkaIo.exactlyOnceSink(kafka, "ctz-e2e"),
                new FailingSink<>(JdbcSinks.cases(jdbc), 7, 2),
                JdbcSinks.counts(jdbc),
                JdbcSinks.occasionalEntries(jdbc),
                JdbcRegisterClient.factory(jdbc, 2),
                testPackJson("e2e-1"), settings, Clock.systemUTC());

        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "10");
        conf.setString("restart-strategy.fixed-delay.delay", "200 ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        job.addTo(env);
        JobClient client = env.executeAsync("ctz-enforcement-e2e");
        try {
            List<Map.Entry<String, byte[]>> day0 = reads(p, zone, outside, BEGINNING);
            List<Map.Entry<String, byte[]>> day1 = reads(p, zone, outside, NEXT_DAY);
            int half = day0.size() / 2;
            KafkaBrokerExtension.sendAll(READS, day0.subList(0, half));
            KafkaBrokerExtension.send(READS, zone.get(0), "{\"schemaVersion\":\"1.0\",\"plate\":".getBytes(StandardCharsets.UTF_8));
            awaitAtLeast(() -> ours(Topics.CTZ_VIOLATIONS).size() + ours(Topics.CTZ_REVIEWS).size(), 1, "first cases");
            FailingSink.ARMED.set(true); // the second half of day 0 runs into two task failures
            KafkaBrokerExtension.sendAll(READS, day0.subList(half, day0.size()));
            awaitAtLeast(() -> ours(Topics.CTZ_VIOLATIONS).size(), p.old().size(), "day 0 violations");
            awaitAtLeast(() -> ours(Topics.CTZ_REVIEWS).size(), p.unknown().size(), "day 0 reviews");
            assertThat(FailingSink.FAILURES.get()).isEqualTo(2);
            int passagesPerDay = p.all().size() * 3;
            awaitAtLeast(() -> countedPassages(), passagesPerDay, "day 0 passages counted");

            // a policy update at runtime: day 1 is decided with version e2e-2
            KafkaBrokerExtension.send(POLICY, "kielce-sct", PolicyUpdates.encode(testFiles("e2e-2")));
            Thread.sleep(1500);
            KafkaBrokerExtension.sendAll(READS, day1);
            awaitAtLeast(() -> ours(Topics.CTZ_VIOLATIONS).size(), 2 * p.old().size(), "day 1 violations");
            awaitAtLeast(() -> ours(Topics.CTZ_REVIEWS).size(), 2 * p.unknown().size(), "day 1 reviews");
            // a read far behind the watermark: late, dead-lettered without its plate
            KafkaBrokerExtension.send(READS, p.compliant().get(0), json(anprRead("late-1", zone.get(0), BEGINNING, p.compliant().get(0))));
            int passages = p.all().size() * 2 * 3;
            awaitAtLeast(() -> countedPassages(), passages, "counted passages");
            List<DeadLetter> dead = awaitDeadLetters(2);
            Thread.sleep(1000); // anything extra (a duplicate) would be committed by now

            // exactly once: the expected ids, each once
            Set<String> expectedViolations = new TreeSet<>();
            Set<String> expectedReviews = new TreeSet<>();
            for (Instant day : List.of(BEGINNING, NEXT_DAY)) {
                LocalDate local = LocalDate.ofInstant(day, WARSAW);
                p.old().forEach(pl -> expectedViolations.add(PassageDecision.caseId("kielce-sct", pl, "PL", "kielce-centre", local)));
                p.unknown().forEach(pl -> expectedReviews.add(PassageDecision.caseId("kielce-sct", pl, "PL", "kielce-centre", local)));
            }
            List<Violation> violations = ours(Topics.CTZ_VIOLATIONS);
            List<Violation> reviews = ours(Topics.CTZ_REVIEWS);
            assertThat(violations).extracting(Violation::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedViolations);
            assertThat(reviews).extracting(Violation::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedReviews);
            assertThat(violations).allSatisfy(v -> {
                assertThat(v.kind()).isEqualTo(Violation.Kind.VIOLATION);
                assertThat(v.reason()).isEqualTo("NON_COMPLIANT");
                assertThat(v.policyVersion()).isEqualTo(v.firstSeen().isBefore(NEXT_DAY) ? "e2e-1" : "e2e-2");
            });
            assertThat(reviews).extracting(Violation::reason).containsOnly("UNKNOWN_VEHICLE");
            assertThat(FailingSink.RESTORED_FROM).anySatisfy(r -> assertThat(r).startsWith("checkpoint"));

            // the console's case table: every case once, with its three passages of the day
            Map<String, Integer> cases = new java.util.HashMap<>();
            try (Connection c = PostgisExtension.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT id, cardinality(passage_refs), cardinality(evidence_refs) FROM ctz_cases WHERE plate LIKE 'TK%'")) {
                while (rs.next()) {
                    cases.put(rs.getString(1), rs.getInt(2));
                    assertThat(rs.getInt(3)).isEqualTo(3);
                }
            }
            Set<String> allCases = new HashSet<>(expectedViolations);
            allCases.addAll(expectedReviews);
            assertThat(cases.keySet()).containsExactlyInAnyOrderElementsOf(allCases);
            assertThat(cases.values()).containsOnly(3);
            try (Connection c = PostgisExtension.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT outcome, sum(passages) FROM ctz_decision_counts WHERE " + OUR_HOURS
                         + " GROUP BY outcome ORDER BY outcome")) {
                Map<String, Long> byOutcome = new java.util.TreeMap<>();
                while (rs.next()) byOutcome.put(rs.getString(1), rs.getLong(2));
                // two passages in the zone per plate and day, plus one outside the zone (ALLOWED)
                int perPlateInZone = 2 * 2;
                assertThat(byOutcome).containsEntry("EXEMPT", (long) (p.police().size() + p.permitted().size()) * perPlateInZone)
                        .containsEntry("VIOLATION", (long) p.old().size() * perPlateInZone)
                        .containsEntry("REVIEW", (long) p.unknown().size() * perPlateInZone);
            }
            assertThat(countedPassages()).isEqualTo(passages);

            // dead letters: the malformed record (as received) and the late read (plate removed)
            assertThat(dead).extracting(DeadLetter::reason).anySatisfy(r -> assertThat(r).startsWith("malformed JSON for AnprRead"));
            assertThat(dead).extracting(DeadLetter::reason).anySatisfy(r -> assertThat(r).startsWith("late read"));

            // privacy: no plate of an ALLOWED/EXEMPT vehicle anywhere
            StringBuilder everything = new StringBuilder();
            for (String topic : List.of(Topics.CTZ_VIOLATIONS, Topics.CTZ_REVIEWS, Topics.EVIDENCE_CLAIMS, Topics.ANPR_READS_DLQ,
                    Topics.DEAD_LETTER)) {
                for (ConsumerRecord<byte[], byte[]> r : all(topic, "read_uncommitted")) {
                    if (r.key() != null) everything.append(new String(r.key(), StandardCharsets.UTF_8)).append('\n');
                    everything.append(new String(r.value(), StandardCharsets.UTF_8)).append('\n');
                    if (topic.equals(Topics.ANPR_READS_DLQ)) {
                        everything.append(new String(EventCodec.decode(r.value(), DeadLetter.class).value().original(),
                                StandardCharsets.UTF_8)).append('\n');
                    }
                }
            }
            try (Connection c = PostgisExtension.dataSource().getConnection(); Statement st = c.createStatement()) {
                for (String table : List.of("ctz_cases", "ctz_decision_counts")) {
                    try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t")) {
                        while (rs.next()) everything.append(rs.getString(1)).append('\n');
                    }
                }
            }
            everything.append(logs);
            String stored = everything.toString();
            assertThat(stored).contains(p.old().get(0)).contains(p.unknown().get(0)); // the check can see plates
            assertThat(logs.toString()).contains("injected failure"); // and the log capture works
            for (String plate : p.neverStored()) {
                assertThat(stored).as("plate of an allowed/exempt vehicle stored").doesNotContain(plate);
            }
        } finally {
            client.cancel().get();
            stopCapture();
        }
    }

    // ------------------------------------------------------------------ data

    /** Per plate: zone camera at t, second zone camera at t+30 s (same passage), outside camera at t+1 h, zone at t+2 h. */
    static List<Map.Entry<String, byte[]>> reads(Plates p, List<String> zone, String outside, Instant day) {
        record R(Instant at, String camera, String plate, String id) { }
        List<R> rs = new ArrayList<>();
        List<String> all = p.all();
        for (int i = 0; i < all.size(); i++) {
            String plate = all.get(i);
            Instant t = day.plusSeconds(20L * i);
            String d = day.equals(BEGINNING) ? "d0" : "d1";
            rs.add(new R(t, zone.get(0), plate, plate + "-" + d + "-a"));
            rs.add(new R(t.plusSeconds(30), zone.get(1), plate, plate + "-" + d + "-b"));
            rs.add(new R(t.plusSeconds(3600), outside, plate, plate + "-" + d + "-c"));
            rs.add(new R(t.plusSeconds(7200), zone.get(0), plate, plate + "-" + d + "-d"));
        }
        rs.sort(java.util.Comparator.comparing(R::at));
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        for (R r : rs) {
            AnprRead read = anprRead(r.id(), r.camera(), r.at(), r.plate());
            out.add(Map.entry(r.plate(), json(read))); // keyed by plate: both partitions carry reads
        }
        return out;
    }

    static void fillRegister(Plates p) throws Exception {
        try (Connection c = PostgisExtension.dataSource().getConnection()) {
            // tables of migration V100 (module db, zone-policy helper)
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vehicle_register (plate, category, fuel, euro_norm, "
                    + "production_year, gross_mass_kg, historic, special_service) VALUES (?, 'M1', ?, ?, ?, 1500, false, ?) "
                    + "ON CONFLICT (plate) DO NOTHING")) {
                for (String pl : p.compliant()) add(ps, pl, "diesel", "EURO_6", 2018, null);
                for (String pl : p.old()) add(ps, pl, "diesel", "EURO_3", 2003, null);
                for (String pl : p.electric()) add(ps, pl, "electric", null, 2021, null);
                for (String pl : p.police()) add(ps, pl, "diesel", "EURO_3", 2004, "police");
                for (String pl : p.permitted()) add(ps, pl, "petrol", "EURO_1", 1995, null);
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO permits (plate, kind, valid_from, valid_to) "
                    + "VALUES (?, 'medical', '2027-07-01T00:00:00Z', '2027-12-31T00:00:00Z')")) {
                for (String pl : p.permitted()) {
                    ps.setString(1, pl);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static void add(PreparedStatement ps, String plate, String fuel, String euro, int year, String service) throws Exception {
        ps.setString(1, plate);
        ps.setString(2, fuel);
        ps.setString(3, euro);
        ps.setInt(4, year);
        ps.setString(5, service);
        ps.addBatch();
    }

    // ------------------------------------------------------------------ reading the outputs

    static List<ConsumerRecord<byte[], byte[]>> all(String topic, String isolation) {
        Properties props = KafkaBrokerExtension.consumerProperties();
        props.put("isolation.level", isolation);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            var parts = consumer.partitionsFor(topic).stream()
                    .map(pi -> new org.apache.kafka.common.TopicPartition(topic, pi.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                boolean done = true;
                for (var tp : parts) if (consumer.position(tp) < end.get(tp)) done = false;
                if (done) break;
            }
        }
        return out;
    }

    /** This test's committed cases (plates TK…): the topics are shared with the other enforcement tests of the JVM. */
    static List<Violation> ours(String topic) {
        return committed(topic).stream().filter(v -> v.plate().startsWith("TK")).toList();
    }

    static List<Violation> committed(String topic) {
        return all(topic, "read_committed").stream().map(r -> EventCodec.decode(r.value(), Violation.class).value()).toList();
    }

    static List<DeadLetter> awaitDeadLetters(int n) throws InterruptedException {
        List<DeadLetter> dl = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            dl = all(Topics.ANPR_READS_DLQ, "read_committed").stream()
                    .map(r -> EventCodec.decode(r.value(), DeadLetter.class).value()).toList();
            if (dl.size() >= n) return dl;
            Thread.sleep(200);
        }
        return dl;
    }

    /** This test's counters (its two days; the table is shared with the other enforcement tests of the JVM). */
    static final String OUR_HOURS = "hour_start >= '2027-08-01T00:00:00Z' AND hour_start < '2027-08-05T00:00:00Z'";

    static long countedPassages() {
        try (Connection c = PostgisExtension.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(sum(passages), 0) FROM ctz_decision_counts WHERE " + OUR_HOURS)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitAtLeast(Supplier<Number> actual, long expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = actual.get().longValue();
            if (last >= expected) return;
            Thread.sleep(200);
        }
        throw new AssertionError(what + ": expected at least " + expected + " within 90 s, got " + last);
    }

    // ------------------------------------------------------------------ log capture

    private static WriterAppender appender;
    private static Level rootLevel;

    static StringWriter captureLogs() {
        StringWriter w = new StringWriter();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        var config = ctx.getConfiguration();
        appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%p %c %m %ex%n").build(), null, w,
                "ctz-privacy", false, true);
        appender.start();
        config.addAppender(appender);
        rootLevel = config.getRootLogger().getLevel();
        config.getRootLogger().addAppender(appender, Level.INFO, null);
        config.getRootLogger().setLevel(Level.INFO);
        ctx.updateLoggers();
        return w;
    }

    static void stopCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        var config = ctx.getConfiguration();
        config.getRootLogger().removeAppender("ctz-privacy");
        config.getRootLogger().setLevel(rootLevel);
        ctx.updateLoggers();
        appender.stop();
    }
}
