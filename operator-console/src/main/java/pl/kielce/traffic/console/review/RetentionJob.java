package pl.kielce.traffic.console.review;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import pl.kielce.traffic.console.ConsoleProperties;
import pl.kielce.traffic.console.audit.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Deletes the evidence of closed cases when its retention period (settings
 * {@code console.retention.*}) has ended, and writes each deletion to the audit log. Runs hourly.
 */
@Component
public class RetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private final Cases cases;
    private final EvidenceStore evidence;
    private final AuditLog audit;
    private final Clock clock;
    private final ConsoleProperties props;

    RetentionJob(Cases cases, EvidenceStore evidence, AuditLog audit, Clock clock, ConsoleProperties props) {
        this.cases = cases;
        this.evidence = evidence;
        this.audit = audit;
        this.clock = clock;
        this.props = props;
    }

    @Scheduled(fixedDelayString = "${console.retention.interval:PT1H}", initialDelayString = "PT1M")
    public void scheduled() {
        runOnce();
    }

    /** One pass; returns how many cases lost their evidence. */
    public int runOnce() {
        Instant now = clock.instant();
        int n = 0;
        for (String id : cases.dueForEvidenceDeletion(now.minus(props.retention().rejectedCaseEvidence()),
                now.minus(props.retention().closedCaseEvidence()))) {
            var d = cases.find(id).orElseThrow();
            int files = 0;
            for (String ref : d.evidenceRefs()) {
                if (evidence.delete(ref)) {
                    files++;
                }
            }
            cases.markEvidenceDeleted(id, now);
            audit.record("retention-job", "EVIDENCE_DELETED", "case", id, "retention period ended",
                    Map.of("status", d.review().status().name(), "files", files));
            n++;
        }
        if (n > 0) {
            LOG.info("retention: deleted the evidence of {} case(s)", n);
        }
        return n;
    }
}
