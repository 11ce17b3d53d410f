package pl.kielce.traffic.ctz.enforcement;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the enforcement job, with documented defaults ({@link #DEFAULTS}).
 *
 * @param passageWindow        reads of one plate by cameras of one zone within this span of the passage's first
 *                             read are one passage (default 5 min)
 * @param outOfOrderness       bounded out-of-orderness of {@code capturedAt} for watermarks (default 5 s)
 * @param allowedLateness      a read older than the watermark by more than this is dead-lettered as late
 *                             (default 10 min); within it, it is processed normally
 * @param sourceIdleness       a source partition without reads for this long does not hold back watermarks (30 s)
 * @param registerTimeout      whole budget for one register lookup including retries (default 2 s)
 * @param registerAttempts     attempts per lookup when the register is unavailable (default 3)
 * @param registerRetryDelay   pause between attempts (default 100 ms)
 * @param asyncCapacity        reads in flight in the ordered async operator per subtask, in batches of
 *                             {@code EnforcementJob.READS_PER_BATCH} (default 2000: one slow lookup must not stall the
 *                             cache hits queued behind it)
 * @param cacheTtl             how long a register answer is reused (default 60 s: a day pass bought minutes
 *                             before entering must count; unavailable answers are never cached)
 * @param cacheMaxEntries      register answers cached per subtask (default 100 000)
 * @param countFlushInterval   how often aggregate counters are written to PostGIS (processing time, default 5 s)
 * @param checkpointInterval   checkpoint interval; Kafka outputs become visible at checkpoints (default 200 ms)
 * @param evidenceReadsPerPassage reads of one passage attached to its case as evidence (default 3: the opening read and
 *                             two more, e.g. other cameras or angles); later passages of the day are always attached.
 *                             Further reads are counted in {@code ctzEvidenceReadsSkipped}, their images not claimed (so
 *                             the gateway deletes them): a vehicle that stays in front of a camera must not grow its case
 *                             by a row update and a photo per frame
 */
public record EnforcementSettings(Duration passageWindow, Duration outOfOrderness, Duration allowedLateness,
                                  Duration sourceIdleness, Duration registerTimeout, int registerAttempts,
                                  Duration registerRetryDelay, int asyncCapacity, Duration cacheTtl, int cacheMaxEntries,
                                  Duration countFlushInterval, Duration checkpointInterval, int evidenceReadsPerPassage)
        implements Serializable {

    public static final EnforcementSettings DEFAULTS = new EnforcementSettings(Duration.ofMinutes(5), Duration.ofSeconds(5),
            Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(2), 3, Duration.ofMillis(100), 2000,
            Duration.ofSeconds(60), 100_000, Duration.ofSeconds(5), Duration.ofMillis(200), 3);

    public EnforcementSettings {
        positive("passageWindow", passageWindow);
        notNegative("outOfOrderness", outOfOrderness);
        notNegative("allowedLateness", allowedLateness);
        positive("sourceIdleness", sourceIdleness);
        positive("registerTimeout", registerTimeout);
        if (registerAttempts < 1) throw new IllegalArgumentException("registerAttempts must be at least 1, was " + registerAttempts);
        notNegative("registerRetryDelay", registerRetryDelay);
        if (asyncCapacity < 1) throw new IllegalArgumentException("asyncCapacity must be at least 1, was " + asyncCapacity);
        notNegative("cacheTtl", cacheTtl);
        if (cacheMaxEntries < 0) throw new IllegalArgumentException("cacheMaxEntries must not be negative, was " + cacheMaxEntries);
        positive("countFlushInterval", countFlushInterval);
        positive("checkpointInterval", checkpointInterval);
        if (evidenceReadsPerPassage < 1) {
            throw new IllegalArgumentException("evidenceReadsPerPassage must be at least 1, was " + evidenceReadsPerPassage);
        }
    }

    public EnforcementSettings withPassageWindow(Duration d) {
        return new EnforcementSettings(d, outOfOrderness, allowedLateness, sourceIdleness, registerTimeout, registerAttempts,
                registerRetryDelay, asyncCapacity, cacheTtl, cacheMaxEntries, countFlushInterval, checkpointInterval, evidenceReadsPerPassage);
    }

    public EnforcementSettings withAllowedLateness(Duration d) {
        return new EnforcementSettings(passageWindow, outOfOrderness, d, sourceIdleness, registerTimeout, registerAttempts,
                registerRetryDelay, asyncCapacity, cacheTtl, cacheMaxEntries, countFlushInterval, checkpointInterval, evidenceReadsPerPassage);
    }

    public EnforcementSettings withRegister(Duration timeout, int attempts, Duration retryDelay, Duration ttl) {
        return new EnforcementSettings(passageWindow, outOfOrderness, allowedLateness, sourceIdleness, timeout, attempts,
                retryDelay, asyncCapacity, ttl, cacheMaxEntries, countFlushInterval, checkpointInterval, evidenceReadsPerPassage);
    }

    public EnforcementSettings withCheckpointInterval(Duration d) {
        return new EnforcementSettings(passageWindow, outOfOrderness, allowedLateness, sourceIdleness, registerTimeout, registerAttempts,
                registerRetryDelay, asyncCapacity, cacheTtl, cacheMaxEntries, countFlushInterval, d, evidenceReadsPerPassage);
    }

    public EnforcementSettings withSourceIdleness(Duration d) {
        return new EnforcementSettings(passageWindow, outOfOrderness, allowedLateness, d, registerTimeout, registerAttempts,
                registerRetryDelay, asyncCapacity, cacheTtl, cacheMaxEntries, countFlushInterval, checkpointInterval, evidenceReadsPerPassage);
    }

    public EnforcementSettings withCountFlushInterval(Duration d) {
        return new EnforcementSettings(passageWindow, outOfOrderness, allowedLateness, sourceIdleness, registerTimeout, registerAttempts,
                registerRetryDelay, asyncCapacity, cacheTtl, cacheMaxEntries, d, checkpointInterval, evidenceReadsPerPassage);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
    }

    private static void notNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
}
