package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.events.Violation;
import pl.kielce.traffic.testsupport.KafkaBrokerExtension;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.enforcement.CtzFixtures.*;

/**
 * The known defect of the first version: a job started fresh on a backlog of reads decided them with the shipped
 * pack (or with older packs while the policy topic was being replayed) before it had read the published policy.
 * Here the shipped pack's stage 1 starts 2027-07-01, the policy topic holds ten older packs of the same kind and
 * then the published pack with stage 1 in force since 2026-01-01, and the reads (2026-11-20) are waiting before the
 * job starts. Every decision must be made under the published pack: every old diesel a VIOLATION with version
 * "published", no counter of any other version. Real Kafka, MiniCluster at parallelism 2, PostGIS register.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgisExtension.class})
class PolicyBootstrapEndToEndTest {
    static final String READS = "ctz-boot.anpr.reads";
    static final String POLICY = "ctz-boot.policy.updates";
    static final Instant AT = Instant.parse("2026-11-20T09:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static Map<String, String> published() {
        Map<String, String> files = new TreeMap<>(testFiles("published"));
        String yaml = files.get("policy.yaml");
        String moved = yaml.replace("validFrom: 2027-07-01", "validFrom: 2026-01-01");
        if (moved.equals(yaml)) throw new IllegalStateException("the Kielce pack changed: no stage from 2027-07-01");
        files.put("policy.yaml", moved);
        return files;
    }

    /** This test's counters (2026-11-20) by policy version and outcome. */
    static Map<String, Long> byVersion() {
        Map<String, Long> m = new TreeMap<>();
        try (Connection c = PostgisExtension.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT policy_version || '/' || outcome, sum(passages) "
                     + "FROM ctz_decision_counts WHERE hour_start >= '2026-11-20T00:00:00Z' AND hour_start < '2026-11-21T00:00:00Z' "
                     + "GROUP BY 1")) {
            while (rs.next()) m.put(rs.getString(1), rs.getLong(2));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    @Test
    void aFreshJobDecidesItsFirstReadsWithThePublishedPolicy() throws Exception {
        createTopics(READS, POLICY);
        List<String> old = new ArrayList<>();
        List<String> compliant = new ArrayList<>();
        for (int i = 1; i <= 20; i++) old.add(String.format("TBV%04d", i));
        for (int i = 1; i <= 10; i++) compliant.add(String.format("TBC%04d", i));
        registerDiesels(old, "EURO_3", 2003);
        registerDiesels(compliant, "EURO_6", 2018);
        Policy publishedPolicy = pl.kielce.traffic.ctz.policy.load.PolicyPacks.fromStrings(published());
        assertThat(publishedPolicy.stageAt(AT)).as("published pack in force at the reads").isPresent();
        assertThat(testPolicy("shipped").stageAt(AT)).as("shipped pack not in force at the reads").isEmpty();

        // the policy topic: older packs (stage 1 from 2027-07-01), then the published one; the reads wait in their topic
        for (int k = 1; k <= 10; k++) KafkaBrokerExtension.send(POLICY, "kielce-sct", PolicyUpdates.encode(testFiles("older-" + k)));
        KafkaBrokerExtension.send(POLICY, "kielce-sct", PolicyUpdates.encode(published()));
        String camera = zoneCameras(publishedPolicy).get(0);
        List<Map.Entry<String, byte[]>> reads = new ArrayList<>();
        int n = 0;
        for (String pl : old) reads.add(Map.entry(pl, json(anprRead("b" + (n++), camera, AT.plusSeconds(n), pl))));
        for (String pl : compliant) reads.add(Map.entry(pl, json(anprRead("b" + (n++), camera, AT.plusSeconds(n), pl))));
        KafkaBrokerExtension.sendAll(READS, reads);

        JobClient client = startJob("ctz-boot", READS, POLICY, EnforcementSettings.DEFAULTS.withCountFlushInterval(Duration.ofMillis(300)));
        try {
            EnforcementJobEndToEndTest.awaitAtLeast(() -> byVersion().values().stream().mapToLong(Long::longValue).sum(), reads.size(),
                    "passages counted");
            Thread.sleep(1000); // the checkpoint after the last decision commits the violations
            assertThat(byVersion()).as("every passage decided under the published pack")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("published/VIOLATION", (long) old.size(),
                            "published/ALLOWED", (long) compliant.size()));
            // this test's violations (the topic and the database are shared with the other tests of the JVM)
            List<Violation> violations = EnforcementJobEndToEndTest.committed(Topics.CTZ_VIOLATIONS).stream()
                    .filter(v -> v.plate().startsWith("TBV")).toList();
            assertThat(violations).hasSize(old.size()).allSatisfy(v -> assertThat(v.policyVersion()).isEqualTo("published"));
        } finally {
            client.cancel().get();
        }
    }
}
