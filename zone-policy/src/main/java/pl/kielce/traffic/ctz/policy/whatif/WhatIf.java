package pl.kielce.traffic.ctz.policy.whatif;

import java.util.Iterator;
import java.util.stream.Stream;
import pl.kielce.traffic.ctz.policy.Decision;
import pl.kielce.traffic.ctz.policy.Exemptions;
import pl.kielce.traffic.ctz.policy.Outcome;
import pl.kielce.traffic.ctz.policy.PassageFacts;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

/**
 * What-if replay: evaluates past passages under another policy version or stage and counts who would be
 * affected. A pure function of its inputs (no clock, no I/O); the console and the CLI call it.
 */
public final class WhatIf {
    private WhatIf() {}

    /**
     * @param policy   the policy (version) to evaluate under
     * @param stageId  evaluate every passage as if this stage were in force; {@code null} = the stage in
     *                 force at each passage's own time
     */
    public static WhatIfReport replay(Policy policy, String stageId, Iterable<ReplayPassage> passages) {
        return replay(policy, stageId, passages.iterator());
    }

    public static WhatIfReport replay(Policy policy, String stageId, Stream<ReplayPassage> passages) {
        return replay(policy, stageId, passages.iterator());
    }

    private static WhatIfReport replay(Policy policy, String stageId, Iterator<ReplayPassage> it) {
        if (stageId != null) policy.stage(stageId); // fails early, naming the stages
        WhatIfReport report = new WhatIfReport(policy.id(), policy.version(), stageId);
        Exemptions none = Exemptions.none();
        var rules = policy.timeZone().getRules();
        while (it.hasNext()) {
            ReplayPassage r = it.next();
            PassageFacts p = new PassageFacts(r.cameraId(), null, r.plateCountry(), Double.NaN, null);
            Decision d = stageId == null ? policy.decide(p, r.vehicle(), none, r.at())
                    : policy.decideUnderStage(stageId, p, r.vehicle(), none, r.at());
            report.increment(d.outcome(), r.count());
            if (d.outcome() == Outcome.VIOLATION || d.outcome() == Outcome.REVIEW) {
                long local = r.at().getEpochSecond() + rules.getOffset(r.at()).getTotalSeconds();
                int hour = (int) Math.floorMod(local, 86_400L) / 3600;
                VehicleFacts v = r.vehicle();
                String cat = v == null || v.category() == null ? "unknown" : v.category().name();
                String fuel = v == null || v.fuel() == null ? "unknown" : v.fuel().code();
                String euro = v == null || v.euroNorm() == null ? "unknown" : v.euroNorm().label();
                (d.outcome() == Outcome.VIOLATION ? report.violationsMutable() : report.reviewsMutable()).add(r.cameraId(), hour, cat, fuel, euro, r.count());
            }
        }
        return report;
    }
}
