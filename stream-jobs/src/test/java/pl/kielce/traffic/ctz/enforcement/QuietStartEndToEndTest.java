package pl.kielce.traffic.ctz.enforcement;

import org.apache.flink.api.common.JobStatus;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static pl.kielce.traffic.ctz.enforcement.CtzFixtures.*;

/**
 * A job that starts before any camera sends (a quiet night, or the demo's cameras starting after the jobs): the reads'
 * input goes idle, and the policy input must not then carry event time to the end of time. (It did: the policy
 * stream emitted Long.MAX_VALUE as its watermark, which became the operators' watermark while the reads were idle,
 * and every later read was a "late read" in the dead-letter topic.) Reads sent after the idle period are decided.
 * Real Kafka, MiniCluster at parallelism 2, PostGIS register.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgisExtension.class})
class QuietStartEndToEndTest {
    static final String READS = "ctz-quiet.anpr.reads";
    static final String POLICY = "ctz-quiet.policy.updates";
    static final Instant AT = Instant.parse("2026-11-21T09:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static long decided() {
        try (Connection c = PostgisExtension.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(sum(passages), 0) FROM ctz_decision_counts "
                     + "WHERE hour_start >= '2026-11-21T00:00:00Z' AND hour_start < '2026-11-22T00:00:00Z'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsArrivingAfterTheSourceWentIdleAreDecided() throws Exception {
        createTopics(READS, POLICY);
        List<String> old = new ArrayList<>();
        for (int i = 1; i <= 10; i++) old.add(String.format("TQV%04d", i));
        registerDiesels(old, "EURO_3", 2003);
        Policy published = pl.kielce.traffic.ctz.policy.load.PolicyPacks.fromStrings(PolicyBootstrapEndToEndTest.published());
        assertThat(published.stageAt(AT)).isPresent();
        KafkaBrokerExtension.send(POLICY, "kielce-sct", PolicyUpdates.encode(PolicyBootstrapEndToEndTest.published()));

        JobClient client = startJob("ctz-quiet", READS, POLICY, EnforcementSettings.DEFAULTS
                .withSourceIdleness(Duration.ofMillis(500)).withCountFlushInterval(Duration.ofMillis(300)));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (client.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) Thread.sleep(100);
            Thread.sleep(4000); // no reads: both read partitions go idle (0.5 s) while the policy is read and broadcast
            String camera = zoneCameras(published).get(0);
            List<Map.Entry<String, byte[]>> reads = new ArrayList<>();
            int n = 0;
            for (String pl : old) reads.add(Map.entry(pl, json(anprRead("q" + (n++), camera, AT.plusSeconds(n), pl))));
            KafkaBrokerExtension.sendAll(READS, reads);

            EnforcementJobEndToEndTest.awaitAtLeast(QuietStartEndToEndTest::decided, reads.size(), "passages decided after the quiet start");
            Thread.sleep(1000); // the checkpoint after the last decision commits the violations
            List<Violation> violations = EnforcementJobEndToEndTest.committed(Topics.CTZ_VIOLATIONS).stream()
                    .filter(v -> v.plate().startsWith("TQV")).toList();
            assertThat(violations).hasSize(old.size());
        } finally {
            client.cancel().get();
        }
    }
}
