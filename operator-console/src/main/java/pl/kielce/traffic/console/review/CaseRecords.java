package pl.kielce.traffic.console.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Read models of the review desk. */
public final class CaseRecords {
    private CaseRecords() {
    }

    /** Filters of the queue; null = any. */
    public record Filter(String stageId, String cameraId, LocalDate day, CaseStatus status, String kind) {
    }

    /** One row of the queue. */
    public record Summary(String id, String kind, String plate, String cameraId, String zoneId, String stageId,
                          String reason, Instant firstSeen, CaseStatus status, Double confidence) {
    }

    /** A box on an evidence image, in its pixels. */
    public record Box(int x, int y, int width, int height) {
        public Box {
            if (x < 0 || y < 0 || width <= 0 || height <= 0) {
                throw new IllegalArgumentException("plate box must have x,y ≥ 0 and a positive size");
            }
        }
    }

    /** A recognition candidate. */
    public record Candidate(String plate, double confidence) {
    }

    /** One entry of the case's history. */
    public record Action(Instant at, String actor, String action, CaseStatus from, CaseStatus to, String comment) {
    }

    /** A notice issued for a confirmed case. */
    public record Notice(String number, Instant issuedAt, String issuedBy, int amountPln) {
    }

    /** Everything the case page shows. */
    public record Detail(String id, String kind, String plate, String country, String zoneId, String stageId,
                         String policyId, String policyVersion, String reason, String explanation, Instant firstSeen,
                         Instant decidedAt, List<String> passageRefs, List<String> evidenceRefs, String cameraId,
                         Double confidence, List<Candidate> candidates, Box plateBox, String vehicleJson,
                         ReviewState review, Instant evidenceDeletedAt, List<Action> history, Notice notice) {
    }
}
