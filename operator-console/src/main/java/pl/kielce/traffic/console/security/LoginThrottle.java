package pl.kielce.traffic.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (a user name, a client address) in a sliding window; a key with
 * {@code maxFailures} failures in the window is locked until the oldest of them leaves the window.
 * Thread-safe.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be ≥ 1, was " + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long {@code key} stays locked; zero when it is not locked. */
    public Duration lockedFor(String key) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return Duration.ZERO;
        }
        synchronized (q) {
            Instant now = clock.instant();
            prune(q, now);
            if (q.size() < maxFailures) {
                return Duration.ZERO;
            }
            return Duration.between(now, q.peekFirst().plus(window));
        }
    }

    public void recordFailure(String key) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            Instant now = clock.instant();
            prune(q, now);
            q.addLast(now);
            while (q.size() > maxFailures) {
                q.removeFirst();
            }
        }
    }

    public void reset(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
            q.removeFirst();
        }
    }
}
