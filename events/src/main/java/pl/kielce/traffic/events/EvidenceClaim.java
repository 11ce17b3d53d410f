package pl.kielce.traffic.events;

import java.time.Instant;

/**
 * A case claims a piece of evidence, so retention must keep it. Topic {@link Topics#EVIDENCE_CLAIMS},
 * key = evidence reference.
 */
public record EvidenceClaim(String evidenceRef, String caseId, Instant claimedAt) {
    public EvidenceClaim {
        Checks.text("evidenceRef", evidenceRef);
        Checks.text("caseId", caseId);
        Checks.present("claimedAt", claimedAt);
    }
}
