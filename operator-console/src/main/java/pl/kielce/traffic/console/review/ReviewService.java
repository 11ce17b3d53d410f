package pl.kielce.traffic.console.review;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import pl.kielce.traffic.console.ConsoleProperties;
import pl.kielce.traffic.console.audit.AuditLog;
import pl.kielce.traffic.console.review.CaseRecords.Detail;
import pl.kielce.traffic.console.security.Role;
import pl.kielce.traffic.console.web.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The review desk's use cases: view a case (audited), act on it (rules + audit + notice). */
@Service
public class ReviewService {
    private final Cases cases;
    private final AuditLog audit;
    private final Clock clock;
    private final ConsoleProperties props;

    ReviewService(Cases cases, AuditLog audit, Clock clock, ConsoleProperties props) {
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
        this.props = props;
    }

    /** The case, and an audit entry that {@code actor} viewed it (its evidence and register data). */
    public Detail view(String caseId, String actor) {
        Detail d = cases.find(caseId).orElseThrow(() -> new NotFound("no case " + caseId));
        audit.record(actor, "CASE_VIEWED", "case", caseId, null, Map.of("status", d.review().status().name()));
        return d;
    }

    @Transactional
    public Detail act(String caseId, ReviewAction action, String actor, Set<Role> roles, String reason) {
        Detail d = cases.find(caseId).orElseThrow(() -> new NotFound("no case " + caseId));
        ReviewState next = ReviewWorkflow.apply(d.review(), action, actor, roles, reason);
        Instant now = clock.instant();
        if (!cases.transition(caseId, d.review(), next, action, actor, reason, now)) {
            throw new ReviewRefused("changedMeanwhile", "the case was changed by someone else meanwhile; reload it");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", d.review().status().name());
        details.put("to", next.status().name());
        if (next.status() == CaseStatus.CONFIRMED) {
            CaseRecords.Notice notice = cases.issueNotice(caseId, actor, props.noticeAmountPln(), now);
            details.put("notice", notice.number());
        }
        audit.record(actor, "CASE_" + action.name(), "case", caseId, reason, details);
        return cases.find(caseId).orElseThrow();
    }
}
