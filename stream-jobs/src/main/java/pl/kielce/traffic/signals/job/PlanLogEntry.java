package pl.kielce.traffic.signals.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One line of the plan log (PostGIS {@code signal_plan_log}, idempotent by (planId, action)). A PROPOSED entry's
 * {@code planJson} is also the record published on {@code signals.plans.proposed}.
 *
 * @param action   {@link PlanEvents#PROPOSED}, {@link PlanEvents#APPLIED} or {@link PlanEvents#REFUSED}
 * @param detail   why (refusal reason, who approved, the decision line), may be null
 * @param planJson the plan as JSON (proposal, or the approved plan as received)
 */
public record PlanLogEntry(String planId, String intersectionId, String action, long atEpochMs, String detail,
                           String planJson) {
    private static final Set<String> ACTIONS = Set.of(PlanEvents.PROPOSED, PlanEvents.APPLIED, PlanEvents.REFUSED);

    public PlanLogEntry {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(intersectionId, "intersectionId");
        Objects.requireNonNull(planJson, "planJson");
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action must be one of " + ACTIONS + ", was " + action);
        }
    }

    public boolean isProposal() {
        return PlanEvents.PROPOSED.equals(action);
    }

    public Instant at() {
        return Instant.ofEpochMilli(atEpochMs);
    }
}
