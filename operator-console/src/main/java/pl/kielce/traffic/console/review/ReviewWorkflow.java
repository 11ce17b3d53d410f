package pl.kielce.traffic.console.review;

import pl.kielce.traffic.console.security.Role;

import java.util.Set;

/**
 * The review rules, as a pure function from (state, action, who) to the next state.
 * <ul>
 *   <li>officers and supervisors confirm, reject (with a reason) or send a NEW case for a second check;</li>
 *   <li>a case in SECOND_CHECK is decided by someone else – no one confirms or rejects their own second check;
 *       the second checker may dispute it instead;</li>
 *   <li>a DISPUTED case, and an appeal, is decided by a SUPERVISOR (again not the one who asked for the check);</li>
 *   <li>a CONFIRMED case can be appealed; the appeal is upheld (notice withdrawn) or dismissed.</li>
 * </ul>
 */
public final class ReviewWorkflow {
    private ReviewWorkflow() {
    }

    public static ReviewState apply(ReviewState s, ReviewAction action, String actor, Set<Role> roles, String reason) {
        boolean officer = roles.contains(Role.ENFORCEMENT_OFFICER) || roles.contains(Role.SUPERVISOR);
        boolean supervisor = roles.contains(Role.SUPERVISOR);
        if (!officer) {
            throw new ReviewRefused("notReviewer", "only enforcement officers and supervisors review cases");
        }
        boolean own = actor.equals(s.secondCheckRequestedBy());
        int v = s.version() + 1;
        switch (s.status()) {
            case NEW -> {
                return switch (action) {
                    case CONFIRM -> new ReviewState(CaseStatus.CONFIRMED, null, actor, null, v);
                    case REJECT -> new ReviewState(CaseStatus.REJECTED, null, actor, required(reason, "reject"), v);
                    case REQUEST_SECOND_CHECK -> {
                        required(reason, "second check");
                        yield new ReviewState(CaseStatus.SECOND_CHECK, actor, null, null, v);
                    }
                    default -> throw refused(action, s.status());
                };
            }
            case SECOND_CHECK -> {
                if (own && (action == ReviewAction.CONFIRM || action == ReviewAction.REJECT || action == ReviewAction.DISPUTE)) {
                    throw new ReviewRefused("ownSecondCheck", "you sent this case for a second check: another person must decide it");
                }
                return switch (action) {
                    case CONFIRM -> new ReviewState(CaseStatus.CONFIRMED, s.secondCheckRequestedBy(), actor, null, v);
                    case REJECT -> new ReviewState(CaseStatus.REJECTED, s.secondCheckRequestedBy(), actor,
                            required(reason, "reject"), v);
                    case DISPUTE -> {
                        required(reason, "dispute");
                        yield new ReviewState(CaseStatus.DISPUTED, s.secondCheckRequestedBy(), null, null, v);
                    }
                    default -> throw refused(action, s.status());
                };
            }
            case DISPUTED -> {
                if (!supervisor) {
                    throw new ReviewRefused("disputeNeedsSupervisor", "a disputed case is decided by a supervisor");
                }
                if (own) {
                    throw new ReviewRefused("ownSecondCheckSupervisor", "you sent this case for a second check: another supervisor must decide it");
                }
                return switch (action) {
                    case CONFIRM -> new ReviewState(CaseStatus.CONFIRMED, s.secondCheckRequestedBy(), actor, null, v);
                    case REJECT -> new ReviewState(CaseStatus.REJECTED, s.secondCheckRequestedBy(), actor,
                            required(reason, "reject"), v);
                    default -> throw refused(action, s.status());
                };
            }
            case CONFIRMED, APPEAL_DISMISSED -> {
                if (action == ReviewAction.APPEAL && s.status() == CaseStatus.CONFIRMED) {
                    required(reason, "appeal");
                    return new ReviewState(CaseStatus.APPEALED, s.secondCheckRequestedBy(), s.decidedBy(), null, v);
                }
                throw refused(action, s.status());
            }
            case APPEALED -> {
                if (!supervisor) {
                    throw new ReviewRefused("appealNeedsSupervisor", "an appeal is decided by a supervisor");
                }
                if (actor.equals(s.decidedBy())) {
                    throw new ReviewRefused("ownConfirmation", "you confirmed this case: another supervisor must decide the appeal");
                }
                return switch (action) {
                    case UPHOLD_APPEAL -> new ReviewState(CaseStatus.APPEAL_UPHELD, s.secondCheckRequestedBy(), actor,
                            required(reason, "appeal decision"), v);
                    case DISMISS_APPEAL -> new ReviewState(CaseStatus.APPEAL_DISMISSED, s.secondCheckRequestedBy(), actor,
                            null, v);
                    default -> throw refused(action, s.status());
                };
            }
            default -> throw refused(action, s.status());
        }
    }

    private static String required(String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new ReviewRefused("needsReason", "a " + what + " needs a reason");
        }
        if (reason.length() > 2000) {
            throw new ReviewRefused("reasonTooLong", "the reason may have at most 2000 characters");
        }
        return reason.trim();
    }

    private static ReviewRefused refused(ReviewAction action, CaseStatus status) {
        return new ReviewRefused("notPossible", action + " is not possible for a case in status " + status, action, status);
    }
}
