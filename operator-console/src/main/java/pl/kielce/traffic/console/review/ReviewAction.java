package pl.kielce.traffic.console.review;

/** What a person can do to a case. */
public enum ReviewAction {
    /** The evidence shows a violation: a notice is issued. */
    CONFIRM,
    /** No violation (or no proof): closed with a reason. */
    REJECT,
    /** Ask a second person to check before anything goes out. */
    REQUEST_SECOND_CHECK,
    /** The second checker disagrees: a supervisor decides. */
    DISPUTE,
    /** The keeper appealed against the notice. */
    APPEAL,
    /** Supervisor: the appeal is right, the notice is withdrawn. */
    UPHOLD_APPEAL,
    /** Supervisor: the appeal is dismissed, the notice stands. */
    DISMISS_APPEAL
}
