package pl.kielce.traffic.ctz.enforcement;

import pl.kielce.traffic.ctz.policy.Decision;
import pl.kielce.traffic.ctz.policy.Outcome;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The decision about one passage as the job uses it: the engine's {@link Decision}, or REVIEW with reason
 * {@link #REGISTER_UNAVAILABLE} when the registers could not be consulted. Pure functions; see {@link #of}.
 *
 * @param outcome       ALLOWED, EXEMPT, VIOLATION or REVIEW
 * @param reason        reason code ({@code ReasonCode} name or {@link #REGISTER_UNAVAILABLE})
 * @param explanation   one paragraph for the clerk; null for ALLOWED and EXEMPT (never shown to anyone)
 * @param zoneId        the zone entered, or {@code camera:<id>} when the camera is in no zone of the policy
 * @param stageId       stage in force, {@code none} when none
 * @param policyId      policy decided with
 * @param policyVersion its version
 * @param localDay      the local date of the passage in the policy's time zone
 * @param dayEnd        when that local day ends (instant)
 * @param vehicle       register facts used, null when unknown
 * @param decision      the engine's decision
 */
public record PassageDecision(Outcome outcome, String reason, String explanation, String zoneId, String stageId,
                              String policyId, String policyVersion, LocalDate localDay, Instant dayEnd,
                              VehicleFacts vehicle, Decision decision) {

    public static final String REGISTER_UNAVAILABLE = "REGISTER_UNAVAILABLE";

    /** Whether a person must see this passage (VIOLATION or REVIEW): only then is the plate kept. */
    public boolean needsCase() {
        return outcome == Outcome.VIOLATION || outcome == Outcome.REVIEW;
    }

    /**
     * Turns the engine's answer into the job's, applying the rule "registers unavailable → REVIEW"; {@code day} is the
     * local day of the decision in the policy's time zone and {@code dayEnd} when it ends.
     */
    public static PassageDecision of(Decision d, RegisterAnswer answer, String zoneKey, LocalDate day, Instant dayEnd) {
        Outcome outcome = d.outcome();
        String reason = d.reason().name();
        if (!answer.available() && outcome != Outcome.ALLOWED) {
            outcome = Outcome.REVIEW;
            reason = REGISTER_UNAVAILABLE;
        }
        // the explanation text is built only for passages a person will see (the hot path is ALLOWED)
        String explanation = null;
        if (outcome == Outcome.VIOLATION || outcome == Outcome.REVIEW) {
            explanation = REGISTER_UNAVAILABLE.equals(reason)
                    ? "REVIEW (register-unavailable): the vehicle and exemption registers could not be consulted ("
                    + answer.detail() + "), so no violation can be established. Engine without register facts: " + d.explanation()
                    : d.explanation();
        }
        String zone = d.zoneId() != null ? d.zoneId() : zoneKey;
        String stage = d.stageId() != null ? d.stageId() : "none";
        return new PassageDecision(outcome, reason, explanation, zone, stage, d.policyId(), d.policyVersion(), day, dayEnd,
                d.vehicle(), d);
    }

    /**
     * The id of the one case a vehicle can have per zone per local day: a name-based UUID of policy, plate,
     * country, zone and day, so a replay after a failure produces the same id.
     */
    public static String caseId(String policyId, String plate, String country, String zoneId, LocalDate localDay) {
        String name = policyId + '|' + plate + '|' + country + '|' + zoneId + '|' + localDay;
        return "ctz-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
