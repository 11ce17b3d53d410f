package pl.kielce.traffic.ctz.policy.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import pl.kielce.traffic.ctz.policy.Policy;
import pl.kielce.traffic.ctz.policy.Requirement;
import pl.kielce.traffic.ctz.policy.Stage;

/**
 * Things in a valid pack that are probably not what the clerk meant: a row no vehicle can reach, a camera
 * outside every stage's zone, a zone no stage uses, days between stages with no rule. They do not stop a
 * load; {@code ./traffic policy validate} prints them.
 */
public final class PackWarnings {
    private PackWarnings() {}

    public static List<String> of(Policy p) {
        List<String> w = new ArrayList<>();
        for (Stage s : p.stages()) {
            List<Requirement> rows = s.requirements();
            for (int j = 1; j < rows.size(); j++) {
                for (int i = 0; i < j; i++) {
                    Requirement earlier = rows.get(i), later = rows.get(j);
                    boolean unconditional = earlier.grossMassOverKg() == 0 && earlier.grossMassUpToKg() == 0 && earlier.registeredAfter() == null;
                    if (unconditional && earlier.categories().containsAll(later.categories()) && earlier.fuels().containsAll(later.fuels())) {
                        w.add("stage \"" + s.id() + "\": requirement \"" + later.id() + "\" can never apply, because \"" + earlier.id()
                                + "\" above it covers the same vehicles (the first matching row decides). Fix: move the narrower row up, or delete it");
                        break;
                    }
                }
            }
            if (rows.isEmpty()) w.add("stage \"" + s.id() + "\" has no requirements: every vehicle is allowed while it is in force");
        }
        for (String cam : p.cameras().keySet()) {
            boolean anywhere = false;
            for (Stage s : p.stages()) anywhere |= p.cameraZone(cam, s.id()).isPresent();
            if (!anywhere) w.add("camera \"" + cam + "\" is outside the zone of every stage: its reads are always ALLOWED (outside the zone). Fix: check its coordinates [lon, lat] if that is not intended");
        }
        Set<String> used = new HashSet<>();
        p.stages().forEach(s -> used.addAll(s.zoneIds()));
        for (String z : p.zones().keySet()) if (!used.contains(z)) w.add("zone \"" + z + "\" is not used by any stage");
        for (int i = 0; i + 1 < p.stages().size(); i++) {
            Stage a = p.stages().get(i), b = p.stages().get(i + 1);
            if (a.validTo() != null && a.validTo().plusDays(1).isBefore(b.validFrom())) {
                w.add("no stage is in force from " + a.validTo().plusDays(1) + " to " + b.validFrom().minusDays(1)
                        + " (between \"" + a.id() + "\" and \"" + b.id() + "\"). Fix: remove validTo of \"" + a.id() + "\" if the rules should continue");
            }
        }
        return w;
    }
}
