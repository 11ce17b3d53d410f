package pl.kielce.traffic.console.signals;

/** Publishes an approved plan to {@code signals.plans.approved}. */
public interface PlanPublisher {
    /** @return true when the plan was published (acknowledged by the broker) */
    boolean publish(String intersectionId, byte[] approvedPlanJson);
}
