package pl.kielce.traffic.ctz.enforcement;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The subtask's open passages: lookup, replacement, expiry in age order, snapshot and restore by owner. */
class OpenPassagesTest {

    @Test
    void aPassageIsFoundByPlateAndZoneKeyAndReplacedByTheNextInTheSameZone() {
        OpenPassages p = new OpenPassages();
        p.open("TK1", "zone-a", 0, 300_000, null, 0);
        p.open("TK1", "camera:X", 10, 300_010, "case-1", 1);
        p.open("TK2", "zone-a", 20, 300_020, null, 0);
        assertThat(p.size()).isEqualTo(3);
        assertThat(p.get("TK1", "camera:X").caseId).isEqualTo("case-1");
        assertThat(p.get("TK1", "zone-b")).isNull();
        assertThat(p.get("TK3", "zone-a")).isNull();

        p.open("TK1", "zone-a", 400_000, 700_000, null, 0); // the next passage in zone-a replaces the first
        assertThat(p.size()).isEqualTo(3);
        assertThat(p.get("TK1", "zone-a").firstSeenMillis).isEqualTo(400_000);
        assertThat(p.get("TK1", "camera:X")).isNotNull();
    }

    @Test
    void passagesExpireWhenEventTimePassesTheirEndAndNotBefore() {
        OpenPassages p = new OpenPassages();
        p.open("TK1", "zone-a", 0, 300_000, null, 0);
        p.open("TK2", "zone-a", 100, 300_100, null, 0);
        p.open("TK1", "zone-a", 200_000, 500_000, null, 0); // replaces TK1's first: that one's expiry drops nothing live
        assertThat(p.nextExpiryMillis()).isEqualTo(300_000);
        p.expireUpTo(299_999);
        assertThat(p.size()).isEqualTo(3 - 1);
        p.expireUpTo(300_000);
        assertThat(p.get("TK1", "zone-a")).isNotNull();
        assertThat(p.get("TK2", "zone-a")).isNotNull();
        p.expireUpTo(300_100);
        assertThat(p.get("TK2", "zone-a")).isNull();
        assertThat(p.size()).isEqualTo(1);
        p.expireUpTo(500_000);
        assertThat(p.size()).isZero();
        assertThat(p.nextExpiryMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aSnapshotRestoresOnlyThePlatesTheSubtaskOwns() throws Exception {
        OpenPassages a = new OpenPassages();
        a.open("TK1", "zone-a", 0, 300_000, null, 0);
        a.open("TK1", "camera:Ł", 5, 300_005, "case-1", 1);
        a.open("TK3", "zone-a", -400_000, -100_000, null, 0); // late read: expires out of age order
        a.open("TK1", "zone-a", 7, 300_007, null, 0);         // replaces the first
        a.countEvidenceRead(a.get("TK1", "camera:Ł"));
        OpenPassages b = new OpenPassages();
        b.open("TK2", "zone-a", 10, 300_010, null, 0);

        OpenPassages restored = new OpenPassages();
        restored.restore(List.of(a.snapshot(), b.snapshot()), plate -> !plate.equals("TK2"));
        assertThat(restored.size()).isEqualTo(3);
        assertThat(restored.get("TK1", "zone-a").firstSeenMillis).isEqualTo(7);
        OpenPassages.Open o = restored.get("TK1", "camera:Ł");
        assertThat(o.caseId).isEqualTo("case-1");
        assertThat(o.evidenceReads).isEqualTo(2);
        assertThat(o.firstSeenMillis).isEqualTo(5);
        assertThat(o.expiresAtMillis).isEqualTo(300_005);
        assertThat(restored.get("TK2", "zone-a")).isNull();
        restored.expireUpTo(300_006); // with the older ones, TK3's passage goes
        assertThat(restored.size()).isEqualTo(1);
        assertThat(restored.get("TK3", "zone-a")).isNull();
        // a restored log is snapshotted again as it is
        OpenPassages again = new OpenPassages();
        again.restore(List.of(restored.snapshot()), plate -> true);
        assertThat(again.size()).isEqualTo(1);
        assertThat(again.get("TK1", "zone-a").expiresAtMillis).isEqualTo(300_007);
    }

    @Test
    void theLogKeepsOnlyWhatTheKeptPassagesNeed() {
        OpenPassages p = new OpenPassages();
        for (int i = 0; i < 200_000; i++) {
            p.open("TK" + i, "zone-a", i, i + 1_000L, null, 0);
            p.expireUpTo(i - 1);
        }
        assertThat(p.size()).isEqualTo(1_001);
        assertThat(p.snapshot().length).isLessThan(1_001 * 40); // not the 200,000 passages ever opened
    }
}
