package pl.kielce.traffic.ctz.policy;

/** The four answers a decision can give. */
public enum Outcome {
    /** The vehicle may be there: compliant, or no rule applies (outside the zone, the schedule or any stage). */
    ALLOWED,
    /** The vehicle does not meet the rule but an exemption in the policy covers it. */
    EXEMPT,
    /** The vehicle does not meet the rule and no exemption covers it. Still needs a human before any notice. */
    VIOLATION,
    /** The engine cannot decide safely (unknown vehicle, foreign plate, mismatch, low confidence…): a human looks. */
    REVIEW;

    /** Polish label for the console and notices. */
    public String labelPl() {
        switch (this) {
            case ALLOWED: return "DOZWOLONY";
            case EXEMPT: return "ZWOLNIONY";
            case VIOLATION: return "NARUSZENIE";
            default: return "DO WERYFIKACJI";
        }
    }
}
