package pl.kielce.traffic.ctz.enforcement;

/**
 * Names of the job's Flink metrics (exported by the Prometheus reporter as
 * {@code flink_taskmanager_job_task_operator_<name>}).
 */
public final class Metrics {
    private Metrics() {
    }

    /** Counter: records read from {@code anpr.reads}. */
    public static final String READS_IN = "ctzReadsIn";
    /** Counter: records sent to the dead-letter topic (invalid or late). */
    public static final String DEAD_LETTERS = "ctzDeadLetters";
    /** Counter: late reads (a subset of dead letters). */
    public static final String LATE_READS = "ctzLateReads";
    /** Counter group: decisions by outcome, {@code ctzDecisions_<OUTCOME>}. */
    public static final String DECISIONS = "ctzDecisions";
    /** Counter: cases opened (violations and reviews). */
    public static final String CASES_OPENED = "ctzCasesOpened";
    /** Counter: passages attached to an existing case of the day. */
    public static final String CASES_ATTACHED = "ctzCasesAttached";
    /** Counter: reads of a passage beyond {@code evidenceReadsPerPassage}, not attached to its case. */
    public static final String EVIDENCE_READS_SKIPPED = "ctzEvidenceReadsSkipped";
    /** Histogram: register lookup latency (ms), cache misses only. */
    public static final String REGISTER_LATENCY_MS = "ctzRegisterLatencyMs";
    /** Counter: register answers served from the cache. */
    public static final String REGISTER_CACHE_HITS = "ctzRegisterCacheHits";
    /** Counter: lookups that ended unavailable (after retries or timeout). */
    public static final String REGISTER_UNAVAILABLE = "ctzRegisterUnavailable";
    /** Gauge: passages open in the deciding subtask (plates seen within the passage window). */
    public static final String OPEN_PASSAGES = "ctzOpenPassages";
    /** Histogram: capture → decision latency (ms, wall clock at the decision). */
    public static final String END_TO_END_LATENCY_MS = "ctzEndToEndLatencyMs";
}
