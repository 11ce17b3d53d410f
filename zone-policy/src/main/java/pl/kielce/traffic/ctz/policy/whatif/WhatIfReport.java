package pl.kielce.traffic.ctz.policy.whatif;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import pl.kielce.traffic.ctz.policy.Outcome;

/**
 * Counts of a what-if replay: every outcome, and the passages that would be violations (and those that
 * would need review) broken down by camera, local hour, category, fuel and Euro norm.
 */
public final class WhatIfReport {
    private final String policyId;
    private final String policyVersion;
    private final String stageId;
    private long total;
    private final EnumMap<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
    private final Breakdown violations = new Breakdown();
    private final Breakdown reviews = new Breakdown();

    WhatIfReport(String policyId, String policyVersion, String stageId) {
        this.policyId = policyId;
        this.policyVersion = policyVersion;
        this.stageId = stageId;
        for (Outcome o : Outcome.values()) byOutcome.put(o, 0L);
    }

    void increment(Outcome o, long n) { total += n; byOutcome.merge(o, n, Long::sum); }

    Breakdown violationsMutable() { return violations; }
    Breakdown reviewsMutable() { return reviews; }

    public String policyId() { return policyId; }
    public String policyVersion() { return policyVersion; }
    /** The stage the replay was evaluated under, or {@code null} when each passage used the stage in force at its time. */
    public String stageId() { return stageId; }
    public long total() { return total; }
    public Map<Outcome, Long> byOutcome() { return Collections.unmodifiableMap(byOutcome); }
    public long count(Outcome o) { return byOutcome.get(o); }
    /** Passages that would be violations. */
    public Breakdown violations() { return violations; }
    /** Passages that would go to a reviewer. */
    public Breakdown reviews() { return reviews; }

    /** Counts by dimension; keys sorted; unknown facts counted under {@code "unknown"}. */
    public static final class Breakdown {
        private final Map<String, Long> byCamera = new TreeMap<>();
        private final Map<Integer, Long> byHour = new TreeMap<>();
        private final Map<String, Long> byCategory = new TreeMap<>();
        private final Map<String, Long> byFuel = new TreeMap<>();
        private final Map<String, Long> byEuroNorm = new TreeMap<>();
        private long total;

        void add(String camera, int hour, String category, String fuel, String euro, long n) {
            total += n;
            byCamera.merge(camera, n, Long::sum);
            byHour.merge(hour, n, Long::sum);
            byCategory.merge(category, n, Long::sum);
            byFuel.merge(fuel, n, Long::sum);
            byEuroNorm.merge(euro, n, Long::sum);
        }

        public long total() { return total; }

        Map<String, Object> toMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("total", total);
            m.put("byCamera", byCamera);
            Map<String, Long> hours = new java.util.LinkedHashMap<>();
            byHour.forEach((h, n) -> hours.put(String.format("%02d", h), n));
            m.put("byHour", hours);
            m.put("byCategory", byCategory);
            m.put("byFuel", byFuel);
            m.put("byEuroNorm", byEuroNorm);
            return m;
        }

        public Map<String, Long> byCamera() { return Collections.unmodifiableMap(byCamera); }
        /** Local hour of day 0–23 in the policy's time zone. */
        public Map<Integer, Long> byHour() { return Collections.unmodifiableMap(byHour); }
        public Map<String, Long> byCategory() { return Collections.unmodifiableMap(byCategory); }
        public Map<String, Long> byFuel() { return Collections.unmodifiableMap(byFuel); }
        public Map<String, Long> byEuroNorm() { return Collections.unmodifiableMap(byEuroNorm); }
    }

    /** The report as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("policy", Map.of("id", policyId, "version", policyVersion));
        m.put("stage", stageId == null ? "as in force at each passage" : stageId);
        m.put("passages", total);
        Map<String, Object> outcomes = new java.util.LinkedHashMap<>();
        byOutcome.forEach((k, v) -> outcomes.put(k.name(), v));
        m.put("byOutcome", outcomes);
        m.put("violations", violations.toMap());
        m.put("reviews", reviews.toMap());
        return m;
    }

    @Override public String toString() {
        return "what-if " + policyId + " v" + policyVersion + (stageId == null ? "" : " under " + stageId) + ": " + total + " passages " + byOutcome;
    }
}
