package pl.kielce.traffic.transit.job;

import pl.kielce.traffic.events.DeadLetter;

import java.time.Clock;

/** Builds {@link DeadLetter}s for positions that cannot be used. */
final class DeadLetters {
    private DeadLetters() {
    }

    static DeadLetter of(byte[] original, String topic, int partition, long offset, String reason, Clock clock) {
        return DeadLetter.of(original, topic == null || topic.isBlank() ? "unknown" : topic, Math.max(-1, partition),
                Math.max(-1, offset), reason, clock.instant());
    }
}
