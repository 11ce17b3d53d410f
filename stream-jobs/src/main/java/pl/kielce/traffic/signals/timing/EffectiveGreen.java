package pl.kielce.traffic.signals.timing;

import java.util.List;
import pl.kielce.traffic.signals.model.Indication;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Step;

/**
 * Green time of each movement for given step durations. A movement's cycle is cut into runs of
 * consecutive non-red steps (cyclically); a run that contains a green contributes
 * protected green + permitted green × factor + yellow − lost time.
 */
final class EffectiveGreen {
    private final int movementCount;
    private final int stepCount;
    /** indication[m][s] */
    private final Indication[][] indication;

    EffectiveGreen(Intersection intersection) {
        this.movementCount = intersection.movements().size();
        this.stepCount = intersection.steps().size();
        this.indication = new Indication[movementCount][stepCount];
        List<Step> steps = intersection.steps();
        for (int s = 0; s < stepCount; s++) {
            for (int m = 0; m < movementCount; m++) {
                indication[m][s] = steps.get(s).indications().get(m);
            }
        }
    }

    /** Effective green of movement m (seconds) under durations d. */
    double effectiveSeconds(int m, double[] durations, TimingSettings settings) {
        Indication[] ind = indication[m];
        int start = firstRed(ind);
        if (start < 0) { // never red: the whole cycle is green
            double c = 0;
            for (double v : durations) c += v;
            return c;
        }
        double total = 0;
        double run = 0;
        boolean runHasGreen = false;
        for (int k = 1; k <= stepCount; k++) {
            int s = (start + k) % stepCount;
            Indication i = ind[s];
            if (i == Indication.RED) {
                if (runHasGreen) total += Math.max(0, run - settings.lostTimePerGreenSeconds());
                run = 0;
                runHasGreen = false;
            } else {
                run += switch (i) {
                    case PROTECTED_GREEN, YELLOW -> durations[s];
                    case PERMITTED_GREEN -> durations[s] * settings.permittedGreenFactor();
                    case RED -> 0;
                };
                runHasGreen |= i.isGreen();
            }
        }
        if (runHasGreen) total += Math.max(0, run - settings.lostTimePerGreenSeconds());
        return total;
    }

    /** Displayed (green only) seconds of movement m: what minimum greens are checked against. */
    double displayedGreenSeconds(int m, double[] durations) {
        double total = 0;
        for (int s = 0; s < stepCount; s++) {
            if (indication[m][s].isGreen()) total += durations[s];
        }
        return total;
    }

    boolean isGreen(int m, int s) {
        return indication[m][s].isGreen();
    }

    private static int firstRed(Indication[] ind) {
        for (int s = 0; s < ind.length; s++) {
            if (ind[s] == Indication.RED) return s;
        }
        return -1;
    }
}
