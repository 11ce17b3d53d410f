package pl.kielce.traffic.counts;

import java.io.Serializable;
import java.time.Duration;

/**
 * Tuning of {@link PassageCountJob}.
 *
 * @param window          length of the tumbling event-time window (5 minutes)
 * @param outOfOrderness  how late (event time) a read may arrive behind the newest one and still be on time
 * @param idleness        a source split without reads for this long stops holding the watermark back
 * @param allowedLateness after a window fired, late reads within this much event time update its count
 *                        (the store upserts, the topic gets the corrected count); later ones are dropped
 *                        (Flink metric {@code numLateRecordsDropped})
 */
public record PassageCountSettings(Duration window, Duration outOfOrderness, Duration idleness,
                                   Duration allowedLateness) implements Serializable {
    public static final PassageCountSettings DEFAULTS = new PassageCountSettings(
            Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(10));

    public PassageCountSettings {
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (outOfOrderness == null || outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("outOfOrderness must not be negative");
        }
        if (idleness == null || idleness.isZero() || idleness.isNegative()) {
            throw new IllegalArgumentException("idleness must be positive");
        }
        if (allowedLateness == null || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must not be negative");
        }
    }

    public PassageCountSettings withIdleness(Duration idleness) {
        return new PassageCountSettings(window, outOfOrderness, idleness, allowedLateness);
    }
}
