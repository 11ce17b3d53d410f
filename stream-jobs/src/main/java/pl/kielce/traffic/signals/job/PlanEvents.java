package pl.kielce.traffic.signals.job;

/** Contract constants of the signal-timing job's outputs (see docs/events/signal-plan.md). */
public final class PlanEvents {
    /** Version of the proposal JSON on {@code signals.plans.proposed}. */
    public static final String SCHEMA_VERSION = "1.0";
    public static final String PROPOSED = "PROPOSED";
    public static final String APPLIED = "APPLIED";
    public static final String REFUSED = "REFUSED";

    private PlanEvents() {
    }
}
