package pl.kielce.traffic.events;

import java.time.Instant;
import java.util.List;

/**
 * A CTZ decision about one vehicle that needs a human: a {@code VIOLATION} (topic
 * {@link Topics#CTZ_VIOLATIONS}) or a {@code REVIEW} (uncertain: topic {@link Topics#CTZ_REVIEWS}).
 * A camera never issues a fine by itself: both kinds go to a person.
 *
 * @param id            unique decision id, non-blank
 * @param kind          VIOLATION or REVIEW
 * @param plate         the plate ({@code [A-Z0-9]{1,12}})
 * @param country       country sign of the plate
 * @param zoneId        the zone entered, non-blank
 * @param stageId       the zone stage in force, non-blank
 * @param policyId      the policy decided with, non-blank
 * @param policyVersion that policy's version, non-blank
 * @param reason        the rule broken (VIOLATION) or why a person must look (REVIEW), non-blank code
 * @param explanation   human-readable explanation, non-blank
 * @param firstSeen     first passage in the zone that led to the decision
 * @param passageRefs   read ids of the passages behind the decision (at least one)
 * @param evidenceRefs  evidence references (images), may be empty
 * @param decidedAt     when the decision was made
 */
public record Violation(
        String id,
        Kind kind,
        String plate,
        String country,
        String zoneId,
        String stageId,
        String policyId,
        String policyVersion,
        String reason,
        String explanation,
        Instant firstSeen,
        List<String> passageRefs,
        List<String> evidenceRefs,
        Instant decidedAt) {

    public enum Kind { VIOLATION, REVIEW }

    public Violation {
        Checks.text("id", id);
        Checks.present("kind", kind);
        AnprRead.plate(Checks.text("plate", plate), "plate");
        Checks.text("country", country);
        Checks.text("zoneId", zoneId);
        Checks.text("stageId", stageId);
        Checks.text("policyId", policyId);
        Checks.text("policyVersion", policyVersion);
        Checks.text("reason", reason);
        Checks.text("explanation", explanation);
        Checks.present("firstSeen", firstSeen);
        passageRefs = Checks.list("passageRefs", passageRefs);
        if (passageRefs.isEmpty()) {
            throw new IllegalArgumentException("passageRefs must name at least one passage");
        }
        evidenceRefs = Checks.list("evidenceRefs", evidenceRefs);
        Checks.present("decidedAt", decidedAt);
    }

    /** The topic this decision belongs on. */
    public String topic() {
        return kind == Kind.VIOLATION ? Topics.CTZ_VIOLATIONS : Topics.CTZ_REVIEWS;
    }
}
