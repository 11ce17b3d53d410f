package pl.kielce.traffic.console.review;

/** Where a case stands in the review. A case with no review yet is {@link #NEW}. */
public enum CaseStatus {
    NEW, SECOND_CHECK, DISPUTED, CONFIRMED, REJECTED, APPEALED, APPEAL_UPHELD, APPEAL_DISMISSED;

    /** Open = still waiting for a person. */
    public boolean open() {
        return this == NEW || this == SECOND_CHECK || this == DISPUTED || this == APPEALED;
    }
}
