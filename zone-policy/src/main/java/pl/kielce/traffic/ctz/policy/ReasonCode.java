package pl.kielce.traffic.ctz.policy;

/** Why a decision came out as it did; stable codes for dashboards and the console. */
public enum ReasonCode {
    NO_STAGE_IN_FORCE(Outcome.ALLOWED, "no stage of the policy is in force on this date"),
    OUTSIDE_ZONE(Outcome.ALLOWED, "the camera is outside the zone of the stage in force"),
    OUTSIDE_SCHEDULE(Outcome.ALLOWED, "the zone is not in operation at this time"),
    NO_REQUIREMENT(Outcome.ALLOWED, "no requirement of the stage covers this category and fuel"),
    COMPLIANT(Outcome.ALLOWED, "the vehicle meets the requirement"),
    EXEMPTION(Outcome.EXEMPT, "an exemption of the policy applies"),
    NON_COMPLIANT(Outcome.VIOLATION, "the vehicle does not meet the requirement and no exemption applies"),
    UNKNOWN_CAMERA(Outcome.REVIEW, "the camera is not in the policy pack"),
    UNKNOWN_VEHICLE(Outcome.REVIEW, "the plate is not in the vehicle register"),
    FOREIGN_PLATE(Outcome.REVIEW, "foreign plate: never an automatic violation"),
    REGISTER_MISMATCH(Outcome.REVIEW, "the camera saw a different kind of vehicle than the register holds for this plate"),
    LOW_CONFIDENCE(Outcome.REVIEW, "the plate was read with low confidence"),
    MISSING_FACT(Outcome.REVIEW, "the register lacks a fact the requirement needs"),
    EXEMPTION_UNVERIFIED(Outcome.REVIEW, "an exemption register could not be consulted");

    private final Outcome outcome;
    private final String text;

    ReasonCode(Outcome outcome, String text) { this.outcome = outcome; this.text = text; }

    public Outcome outcome() { return outcome; }

    public String text() { return text; }
}
