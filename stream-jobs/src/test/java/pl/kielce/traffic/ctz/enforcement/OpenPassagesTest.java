package pl.kielce.traffic.ctz.enforcement;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The subtask's open passages: lookup, replacement, expiry in age order, snapshot and restore by owner. */
class OpenPassagesTest {

    @Test
    void aPassageIsFoundByPlateAndZoneKeyAndReplacedByTheNextInTheSameZone() {
        OpenPassages p = new OpenPassages();
        p.open("TK1", "zone-a", 0, 300_000, null, 0);
        p.open("TK1", "camera:X", 10, 300_010, "case-1", 1);
        p.open("TK2", "zone-a", 20, 300_020, null, 0);
        assertThat(p.size()).isEqualTo(3);
        int x = p.find("TK1", "camera:X");
        assertThat(p.caseId(x)).isEqualTo("case-1");
        assertThat(p.hasCase(x)).isTrue();
        assertThat(p.evidenceReads(x)).isEqualTo(1);
        assertThat(p.caseId(p.find("TK1", "zone-a"))).isNull();
        assertThat(p.hasCase(p.find("TK1", "zone-a"))).isFalse();
        // hasCase reads the evidence count: a case passage counts its first read, one without a case none
        assertThatThrownBy(() -> p.open("TK4", "zone-a", 0, 1, "case-4", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.open("TK4", "zone-a", 0, 1, null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(p.find("TK1", "zone-b")).isNegative();
        assertThat(p.find("TK3", "zone-a")).isNegative();

        p.open("TK1", "zone-a", 400_000, 700_000, null, 0); // the next passage in zone-a replaces the first
        assertThat(p.size()).isEqualTo(3);
        assertThat(p.firstSeenMillis(p.find("TK1", "zone-a"))).isEqualTo(400_000);
        assertThat(p.expiresAtMillis(p.find("TK1", "zone-a"))).isEqualTo(700_000);
        assertThat(p.find("TK1", "camera:X")).isNotNegative();
    }

    @Test
    void platesAreNumberedOneToOneAndOnlyContractPlatesAreTaken() {
        assertThat(LongTable.plateCode("A")).isEqualTo(1);
        assertThat(LongTable.plateCode("9")).isEqualTo(36);
        assertThat(LongTable.plateCode("A0")).isNotEqualTo(LongTable.plateCode("0A"));
        assertThat(LongTable.plateCode("999999999999")).isPositive(); // the largest fits in a long
        for (String bad : List.of("", "tk1", "TK 1", "TK-1", "TK12345678901", "Ł1")) {
            assertThat(LongTable.plateCode(bad)).as(bad).isEqualTo(-1);
        }
        OpenPassages p = new OpenPassages();
        assertThat(p.find("tk1", "zone-a")).isNegative();
        assertThatThrownBy(() -> p.open("tk1", "zone-a", 0, 1, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passagesExpireWhenEventTimePassesTheirEndAndNotBefore() {
        OpenPassages p = new OpenPassages();
        p.open("TK1", "zone-a", 0, 300_000, null, 0);
        p.open("TK2", "zone-a", 100, 300_100, null, 0);
        p.open("TK1", "zone-a", 200_000, 500_000, null, 0); // replaces TK1's first: that one's expiry drops nothing live
        assertThat(p.nextExpiryMillis()).isEqualTo(300_000);
        p.expireUpTo(299_999);
        assertThat(p.size()).isEqualTo(2);
        p.expireUpTo(300_000);
        assertThat(p.find("TK1", "zone-a")).isNotNegative();
        assertThat(p.find("TK2", "zone-a")).isNotNegative();
        p.expireUpTo(300_100);
        assertThat(p.find("TK2", "zone-a")).isNegative();
        assertThat(p.size()).isEqualTo(1);
        p.expireUpTo(500_000);
        assertThat(p.size()).isZero();
        assertThat(p.nextExpiryMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theTableAgreesWithAMapThroughGrowthReplacementAndDeletion() {
        OpenPassages p = new OpenPassages();
        Map<String, Long> expected = new HashMap<>(); // plate|zone -> first seen
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 300_000; t++) {
            String plate = "TK" + rnd.nextInt(20_000);
            String zone = "zone-" + rnd.nextInt(4);
            if (p.find(plate, zone) < 0 || rnd.nextInt(10) == 0) {
                p.open(plate, zone, t, t + 5_000L, null, 0);
                expected.put(plate + "|" + zone, (long) t);
            }
            p.expireUpTo(t - 1);
            if (t % 10_007 == 0) {
                int now = t;
                expected.values().removeIf(first -> first + 5_000L <= now - 1);
                assertThat(p.size()).isEqualTo(expected.size());
                expected.forEach((k, first) -> {
                    String[] pz = k.split("\\|");
                    assertThat(p.firstSeenMillis(p.find(pz[0], pz[1]))).isEqualTo(first);
                });
            }
        }
    }

    @Test
    void aSnapshotRestoresOnlyThePlatesTheSubtaskOwns() throws Exception {
        OpenPassages a = new OpenPassages();
        a.open("TK1", "zone-a", 0, 300_000, null, 0);
        a.open("TK1", "camera:Ł", 5, 300_005, "case-1", 1);
        a.open("TK3", "zone-a", -400_000, -100_000, null, 0); // late read: expires out of age order
        a.open("TK1", "zone-a", 7, 300_007, null, 0);         // replaces the first
        a.countEvidenceRead(a.find("TK1", "camera:Ł"), "TK1", "camera:Ł");
        OpenPassages b = new OpenPassages();
        b.open("TK2", "zone-a", 10, 300_010, null, 0);

        OpenPassages restored = new OpenPassages();
        restored.restore(List.of(a.snapshot(), b.snapshot()), plate -> !plate.equals("TK2"));
        assertThat(restored.size()).isEqualTo(3);
        assertThat(restored.firstSeenMillis(restored.find("TK1", "zone-a"))).isEqualTo(7);
        int o = restored.find("TK1", "camera:Ł");
        assertThat(restored.caseId(o)).isEqualTo("case-1");
        assertThat(restored.evidenceReads(o)).isEqualTo(2);
        assertThat(restored.firstSeenMillis(o)).isEqualTo(5);
        assertThat(restored.expiresAtMillis(o)).isEqualTo(300_005);
        assertThat(restored.find("TK2", "zone-a")).isNegative();
        restored.expireUpTo(300_006); // with the older ones, TK3's passage goes
        assertThat(restored.size()).isEqualTo(1);
        assertThat(restored.find("TK3", "zone-a")).isNegative();
        // a restored log is snapshotted again as it is
        OpenPassages again = new OpenPassages();
        again.restore(List.of(restored.snapshot()), plate -> true);
        assertThat(again.size()).isEqualTo(1);
        assertThat(again.expiresAtMillis(again.find("TK1", "zone-a"))).isEqualTo(300_007);
    }

    @Test
    void theLogKeepsOnlyWhatTheKeptPassagesNeed() throws Exception {
        OpenPassages p = new OpenPassages();
        for (int i = 0; i < 200_000; i++) {
            p.open("TK" + i, i % 3 == 0 ? "zone-a" : "camera:C" + (i % 7), i, i + 1_000L, i % 5 == 0 ? "c" + i : null,
                    i % 5 == 0 ? 1 + i % 4 : 0);
            p.expireUpTo(i - 1);
        }
        assertThat(p.size()).isEqualTo(1_001);
        byte[] snapshot = p.snapshot();
        assertThat(snapshot.length).isLessThan(1_001 * 25); // not the 200,000 passages ever opened
        OpenPassages restored = new OpenPassages();
        restored.restore(List.of(snapshot), plate -> true);
        assertThat(restored.size()).isEqualTo(1_001);
        int last = restored.find("TK199995", "zone-a"); // 199,995 % 3 == 0
        assertThat(restored.caseId(last)).isEqualTo("c199995");
        assertThat(restored.evidenceReads(last)).isEqualTo(4);
        assertThat(restored.expiresAtMillis(last)).isEqualTo(200_995L);
    }
}
