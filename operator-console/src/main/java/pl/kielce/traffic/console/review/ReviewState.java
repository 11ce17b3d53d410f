package pl.kielce.traffic.console.review;

/**
 * The review part of a case.
 *
 * @param status                  where the case stands
 * @param secondCheckRequestedBy  who sent it for a second check (that person may not decide it), or null
 * @param decidedBy               who made the last decision, or null
 * @param rejectReason            reason of a rejection, or null
 * @param version                 optimistic-lock version
 */
public record ReviewState(CaseStatus status, String secondCheckRequestedBy, String decidedBy, String rejectReason,
                          int version) {
    public static final ReviewState NEW = new ReviewState(CaseStatus.NEW, null, null, null, 0);

    public ReviewState {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
    }
}
