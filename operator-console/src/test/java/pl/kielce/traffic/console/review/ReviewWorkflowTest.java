package pl.kielce.traffic.console.review;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.console.security.Role;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pl.kielce.traffic.console.review.ReviewAction.*;

class ReviewWorkflowTest {
    static final Set<Role> OFFICER = Set.of(Role.ENFORCEMENT_OFFICER);
    static final Set<Role> SUPERVISOR = Set.of(Role.SUPERVISOR);

    @Test
    void anOfficerConfirmsOrRejectsWithAReason() {
        assertThat(ReviewWorkflow.apply(ReviewState.NEW, CONFIRM, "anna", OFFICER, null).status()).isEqualTo(CaseStatus.CONFIRMED);
        ReviewState rejected = ReviewWorkflow.apply(ReviewState.NEW, REJECT, "anna", OFFICER, "PLATE_MISREAD");
        assertThat(rejected.status()).isEqualTo(CaseStatus.REJECTED);
        assertThat(rejected.rejectReason()).isEqualTo("PLATE_MISREAD");
        assertThatThrownBy(() -> ReviewWorkflow.apply(ReviewState.NEW, REJECT, "anna", OFFICER, " "))
                .isInstanceOf(ReviewRefused.class).hasMessageContaining("reason");
    }

    @Test
    void noOneConfirmsTheirOwnSecondCheck() {
        ReviewState check = ReviewWorkflow.apply(ReviewState.NEW, REQUEST_SECOND_CHECK, "anna", OFFICER, "blurred");
        assertThat(check.status()).isEqualTo(CaseStatus.SECOND_CHECK);
        assertThatThrownBy(() -> ReviewWorkflow.apply(check, CONFIRM, "anna", OFFICER, null))
                .isInstanceOf(ReviewRefused.class).hasMessageContaining("another person");
        assertThatThrownBy(() -> ReviewWorkflow.apply(check, CONFIRM, "anna", SUPERVISOR, null))
                .isInstanceOf(ReviewRefused.class);
        ReviewState confirmed = ReviewWorkflow.apply(check, CONFIRM, "bartek", OFFICER, null);
        assertThat(confirmed.status()).isEqualTo(CaseStatus.CONFIRMED);
        assertThat(confirmed.decidedBy()).isEqualTo("bartek");
        assertThat(confirmed.version()).isEqualTo(2);
    }

    @Test
    void aDisputedCaseIsDecidedByASupervisorOnly() {
        ReviewState check = ReviewWorkflow.apply(ReviewState.NEW, REQUEST_SECOND_CHECK, "anna", OFFICER, "blurred");
        ReviewState disputed = ReviewWorkflow.apply(check, DISPUTE, "bartek", OFFICER, "plate is foreign");
        assertThat(disputed.status()).isEqualTo(CaseStatus.DISPUTED);
        assertThatThrownBy(() -> ReviewWorkflow.apply(disputed, CONFIRM, "bartek", OFFICER, null))
                .isInstanceOf(ReviewRefused.class).hasMessageContaining("supervisor");
        assertThat(ReviewWorkflow.apply(disputed, REJECT, "celina", SUPERVISOR, "FOREIGN_PLATE").status())
                .isEqualTo(CaseStatus.REJECTED);
    }

    @Test
    void appealsAreRecordedAndDecidedBySomeoneElseThanTheConfirmer() {
        ReviewState confirmed = ReviewWorkflow.apply(ReviewState.NEW, CONFIRM, "celina", SUPERVISOR, null);
        ReviewState appealed = ReviewWorkflow.apply(confirmed, APPEAL, "anna", OFFICER, "owner sold the car");
        assertThat(appealed.status()).isEqualTo(CaseStatus.APPEALED);
        assertThatThrownBy(() -> ReviewWorkflow.apply(appealed, UPHOLD_APPEAL, "anna", OFFICER, "x"))
                .isInstanceOf(ReviewRefused.class);
        assertThatThrownBy(() -> ReviewWorkflow.apply(appealed, DISMISS_APPEAL, "celina", SUPERVISOR, null))
                .isInstanceOf(ReviewRefused.class).hasMessageContaining("another supervisor");
        assertThat(ReviewWorkflow.apply(appealed, UPHOLD_APPEAL, "dorota", SUPERVISOR, "sale contract").status())
                .isEqualTo(CaseStatus.APPEAL_UPHELD);
    }

    @Test
    void closedCasesCannotBeDecidedAgainAndOthersCannotReview() {
        ReviewState rejected = ReviewWorkflow.apply(ReviewState.NEW, REJECT, "anna", OFFICER, "OTHER");
        assertThatThrownBy(() -> ReviewWorkflow.apply(rejected, CONFIRM, "bartek", OFFICER, null))
                .isInstanceOf(ReviewRefused.class).hasMessageContaining("REJECTED");
        assertThatThrownBy(() -> ReviewWorkflow.apply(ReviewState.NEW, CONFIRM, "olek", Set.of(Role.OPERATOR), null))
                .isInstanceOf(ReviewRefused.class);
    }
}
