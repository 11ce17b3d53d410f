package pl.kielce.traffic.anpr.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceStoreTest {
    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void unclaimedImagesExpireAndClaimedOnesStay() throws Exception {
        MovableClock clock = new MovableClock();
        EvidenceStore store = new EvidenceStore(dir, Duration.ofMinutes(10), clock);
        String a = store.put("image-a".getBytes(StandardCharsets.UTF_8));
        String b = store.put("image-b".getBytes(StandardCharsets.UTF_8));
        assertThat(a).startsWith("sha256:").hasSize(71).isNotEqualTo(b);

        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(store.sweep()).isZero();
        assertThat(store.claim(b)).isTrue();

        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(store.sweep()).isEqualTo(1);
        assertThat(store.read(a)).isEmpty();
        assertThat(store.read(b)).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("image-b"));
        assertThat(store.isClaimed(b)).isTrue();
        assertThat(store.claim(a)).as("an expired image cannot be claimed").isFalse();
    }

    @Test
    void sameBytesGiveTheSameReference() throws Exception {
        EvidenceStore store = new EvidenceStore(dir, Duration.ofMinutes(1), Clock.systemUTC());
        assertThat(store.put(new byte[] {1, 2, 3})).isEqualTo(store.put(new byte[] {1, 2, 3}))
                .isEqualTo(EvidenceStore.refOf(new byte[] {1, 2, 3}));
    }

    @Test
    void malformedReferencesAreRefused() {
        EvidenceStore store = new EvidenceStore(dir, Duration.ofMinutes(1), Clock.systemUTC());
        assertThatThrownBy(() -> store.claim("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evidenceRef");
    }
}
