package pl.kielce.traffic.console.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    static final class MutableClock extends Clock {
        Instant now = NOON;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void locksAfterMaxFailuresAndUnlocksWhenTheOldestLeavesTheWindow() {
        MutableClock clock = new MutableClock();
        LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(15), clock);
        t.recordFailure("user:a");
        clock.now = NOON.plusSeconds(60);
        t.recordFailure("user:a");
        assertThat(t.lockedFor("user:a")).isZero();
        t.recordFailure("user:a");
        // oldest failure at 12:00 → locked until 12:15; now 12:01
        assertThat(t.lockedFor("user:a")).isEqualTo(Duration.ofMinutes(14));
        assertThat(t.lockedFor("user:b")).isZero();
        clock.now = NOON.plus(Duration.ofMinutes(15));
        assertThat(t.lockedFor("user:a")).isZero();
    }

    @Test
    void aSuccessClearsTheUsersFailures() {
        LoginThrottle t = new LoginThrottle(2, Duration.ofMinutes(15), new MutableClock());
        t.recordFailure("user:a");
        t.reset("user:a");
        t.recordFailure("user:a");
        assertThat(t.lockedFor("user:a")).isZero();
    }
}
