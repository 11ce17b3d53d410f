package pl.kielce.traffic.signals.timing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Movement;
import pl.kielce.traffic.signals.model.Step;

/**
 * Cycle length and splits for one intersection from measured flows, under the constraints of its
 * model: fixed intergreens, stage minimum/maximum greens, vehicle and pedestrian minimum greens,
 * cycle bounds.
 *
 * <p>{@link TimingSettings.Method#MIN_DELAY}: for every cycle length in the bounds, start from the
 * minimum greens and hand out the remaining green second by second to the stage whose extra second
 * lowers the total delay (HCM 2000 delay, {@link DelayModel}) the most, then move seconds between
 * stages while that still lowers it; keep the cycle with the least total delay. Movements that
 * overlap several stages, permitted greens and yellow are credited exactly as the sequence runs
 * them. Because the overflow term grows with (x − 1), an oversaturated intersection gets the
 * allocation that serves the most traffic, and the cycle is never lengthened beyond what pays off.
 *
 * <p>{@link TimingSettings.Method#WEBSTER}: the textbook baseline — C0 = (1.5 L + 5)/(1 − Y) clamped
 * to the bounds (maximum cycle when Y ≥ 0.95), greens in proportion to each stage's critical flow ratio.
 *
 * <p>Pure: no I/O, no clock; the same code runs in the Flink job and in the SUMO command.
 */
public final class SignalTimingOptimiser {
    private final TimingSettings settings;

    public SignalTimingOptimiser(TimingSettings settings) {
        this.settings = settings;
    }

    /**
     * @param flowsVehPerHour demand per movement id; a missing movement counts as the minimum flow
     */
    public TimingPlan optimise(Intersection intersection, Map<String, Double> flowsVehPerHour) {
        Problem p = new Problem(intersection, flowsVehPerHour, settings);
        double[] best = settings.method() == TimingSettings.Method.WEBSTER ? webster(p) : minDelay(p);
        return p.plan(best, settings.method().name().toLowerCase());
    }

    /** Delay the model expects from the plan now running (for "expected change" and for the log). */
    public double currentDelaySecondsPerVehicle(Intersection intersection, Map<String, Double> flowsVehPerHour) {
        Problem p = new Problem(intersection, flowsVehPerHour, settings);
        return p.meanDelay(intersection.currentDurations());
    }

    /** Load of one movement under a plan: what the delay model sees. */
    public record MovementLoad(String movementId, double flowVehPerHour, double saturationVehPerHour,
                               double effectiveGreenSeconds, double degreeOfSaturation, double delaySecondsPerVehicle) {}

    /** Per-movement loads of the given step durations (for reports, alerts and the plan log). */
    public List<MovementLoad> loads(Intersection intersection, Map<String, Double> flowsVehPerHour, double[] durations) {
        Problem p = new Problem(intersection, flowsVehPerHour, settings);
        double c = Problem.sum(durations);
        List<MovementLoad> out = new ArrayList<>();
        for (int m = 0; m < p.flows.length; m++) {
            double g = p.green.effectiveSeconds(m, durations, settings);
            out.add(new MovementLoad(intersection.movements().get(m).id(), p.flows[m], p.saturation[m], g,
                    DelayModel.degreeOfSaturation(c, g, p.flows[m], p.saturation[m]),
                    DelayModel.delaySecondsPerVehicle(c, g, p.flows[m], p.saturation[m], settings.analysisPeriodHours())));
        }
        return out;
    }

    private double[] minDelay(Problem p) {
        double[] best = null;
        double bestDelay = Double.POSITIVE_INFINITY;
        double cMin = Math.max(p.intersection.minCycleSeconds(), p.minimumCycle());
        // saturated movements keep their share of the cycle; should no cycle in the bounds allow all of
        // them (e.g. a cycle imposed by a corridor), the shares are relaxed step by step
        for (int relax = 0; relax <= 10 && best == null; relax++) {
            p.shareScale = 1.0 - relax / 10.0;
            for (double c = cMin; c <= p.intersection.maxCycleSeconds() + 1e-9; c += settings.cycleStepSeconds()) {
                double[] d = p.allocate(c);
                if (d == null) continue;
                double delay = p.totalDelay(d);
                if (delay < bestDelay - 1e-9) {
                    bestDelay = delay;
                    best = d;
                }
            }
            if (!p.hasShares()) break;
        }
        if (best == null) {
            throw new IllegalArgumentException("intersection " + p.intersection.id()
                    + ": minimum greens and intergreens do not fit in the maximum cycle of "
                    + p.intersection.maxCycleSeconds() + " s");
        }
        return best;
    }

    private double[] webster(Problem p) {
        List<Step> steps = p.intersection.steps();
        int n = steps.size();
        double[] y = new double[n];
        double bigY = 0;
        int stages = 0;
        for (int s = 0; s < n; s++) {
            if (!steps.get(s).isStage()) continue;
            stages++;
            for (int m = 0; m < p.flows.length; m++) {
                if (p.green.isGreen(m, s)) y[s] = Math.max(y[s], p.flows[m] / p.saturation[m]);
            }
            bigY += y[s];
        }
        double lost = p.intersection.intergreenSeconds() + stages * settings.lostTimePerGreenSeconds();
        double c0 = bigY >= 0.95 ? p.intersection.maxCycleSeconds() : (1.5 * lost + 5) / (1 - bigY);
        double c = Math.min(p.intersection.maxCycleSeconds(), Math.max(Math.max(p.intersection.minCycleSeconds(), p.minimumCycle()), c0));
        double[] d = new double[n];
        double available = c - p.intersection.intergreenSeconds();
        for (int s = 0; s < n; s++) {
            Step st = steps.get(s);
            d[s] = st.isStage() ? Math.max(st.minSeconds(), Math.min(st.maxSeconds(),
                    bigY > 0 ? available * y[s] / bigY : available / stages)) : st.durationSeconds();
        }
        return p.rebalanceToCycle(d, c);
    }

    /** The arithmetic shared by both methods, for one intersection and one set of flows. */
    private static final class Problem {
        final Intersection intersection;
        final TimingSettings settings;
        final EffectiveGreen green;
        final double[] flows;
        final double[] saturation;
        final double[] required;
        /** Least effective green / cycle of each movement (saturated movements keep the running plan's share). */
        final double[] minShare;
        double shareScale = 1.0;
        final List<Step> steps;

        Problem(Intersection intersection, Map<String, Double> flowsById, TimingSettings settings) {
            this.intersection = intersection;
            this.settings = settings;
            this.green = new EffectiveGreen(intersection);
            this.steps = intersection.steps();
            int n = intersection.movements().size();
            flows = new double[n];
            saturation = new double[n];
            required = new double[n];
            for (int m = 0; m < n; m++) {
                Movement mv = intersection.movements().get(m);
                Double q = flowsById.get(mv.id());
                if (q != null && (q < 0 || q.isNaN())) {
                    throw new IllegalArgumentException("intersection " + intersection.id() + ", movement " + mv.id() + ": flow " + q);
                }
                flows[m] = Math.max(settings.minimumFlowVehPerHour(), q == null ? 0 : q);
                saturation[m] = mv.saturationFlowVehPerHour();
                required[m] = mv.requiredGreenSeconds();
            }
            minShare = new double[n];
            if (settings.saturatedDegree() > 0 || settings.maxShareCut() < 1) markSaturated(flowsById);
        }

        /**
         * A movement measured at (or above) the saturated degree under the running plan: the queue hides
         * part of its demand, so it keeps at least its current share of the cycle; and since it discharged
         * the measured flow, its saturation flow is at least that flow over its current green share.
         */
        private void markSaturated(Map<String, Double> flowsById) {
            double[] cur = intersection.currentDurations();
            double cycle = sum(cur);
            if (!(cycle > 0)) return;
            java.util.Set<String> detected = new java.util.HashSet<>();
            intersection.detectors().forEach(dt -> detected.addAll(dt.movementIds()));
            for (int m = 0; m < flows.length; m++) {
                if (flowsById.get(intersection.movements().get(m).id()) == null) continue;
                double g = green.effectiveSeconds(m, cur, settings);
                if (!(g > 0)) continue;
                double share = Math.min(1.0, g / cycle);
                if (settings.saturatedDegree() > 0 && flows[m] >= settings.saturatedDegree() * saturation[m] * share) {
                    minShare[m] = share;
                    saturation[m] = Math.max(saturation[m], flows[m] / share);
                } else if (!detected.contains(intersection.movements().get(m).id())) {
                    minShare[m] = share * (1 - settings.maxShareCut());
                }
            }
        }

        boolean hasShares() {
            for (double s : minShare) if (s > 0) return true;
            return false;
        }

        double minimumCycle() {
            double[] d = minimumDurations(0);
            return d == null ? Double.POSITIVE_INFINITY : sum(d);
        }

        /**
         * Stage minimums raised until every movement's minimum green holds, and (cycle c &gt; 0) every
         * saturated movement's share of c; null if impossible.
         */
        double[] minimumDurations(double c) {
            int n = steps.size();
            double[] d = new double[n];
            for (int s = 0; s < n; s++) d[s] = steps.get(s).minSeconds();
            for (int m = 0; m < flows.length; m++) {
                double short_ = required[m] - green.displayedGreenSeconds(m, d);
                while (short_ > 1e-9) {
                    int best = -1;
                    for (int s = 0; s < n; s++) {
                        if (steps.get(s).isStage() && green.isGreen(m, s) && d[s] < steps.get(s).maxSeconds()
                                && (best < 0 || d[s] > d[best])) best = s;
                    }
                    if (best < 0) return null;
                    double add = Math.min(short_, steps.get(best).maxSeconds() - d[best]);
                    d[best] += add;
                    short_ -= add;
                }
            }
            if (c > 0 && shareScale > 0) {
                for (int m = 0; m < flows.length; m++) {
                    if (minShare[m] <= 0) continue;
                    double target = minShare[m] * shareScale * c;
                    int guard = 0;
                    while (green.effectiveSeconds(m, d, settings) < target - 1e-6) {
                        if (guard++ > 1000) return null;
                        int best = -1;
                        for (int s = 0; s < n; s++) {
                            if (steps.get(s).isStage() && green.isGreen(m, s) && d[s] < steps.get(s).maxSeconds() - 1e-9
                                    && (best < 0 || d[s] > d[best])) best = s;
                        }
                        if (best < 0) return null;
                        d[best] = Math.min(steps.get(best).maxSeconds(),
                                d[best] + Math.max(0.1, target - green.effectiveSeconds(m, d, settings)));
                    }
                }
            }
            return d;
        }

        /** Minimum-delay split for cycle c, or null when c cannot be filled within the stage bounds. */
        double[] allocate(double c) {
            double[] d = minimumDurations(c);
            if (d == null) return null;
            double remaining = c - sum(d);
            if (remaining < -1e-9) return null;
            double stepSize = settings.greenStepSeconds();
            double current = totalDelay(d);
            while (remaining > 1e-9) {
                double inc = Math.min(stepSize, remaining);
                int bestStage = -1;
                double bestDelay = Double.POSITIVE_INFINITY;
                for (int s = 0; s < d.length; s++) {
                    if (!steps.get(s).isStage() || d[s] + inc > steps.get(s).maxSeconds() + 1e-9) continue;
                    d[s] += inc;
                    double delay = totalDelayAtCycle(d, c);
                    d[s] -= inc;
                    if (delay < bestDelay) {
                        bestDelay = delay;
                        bestStage = s;
                    }
                }
                if (bestStage < 0) return null; // every stage at its maximum: this cycle cannot be filled
                d[bestStage] += inc;
                remaining -= inc;
                current = bestDelay;
            }
            // Greedy filling is judged at the final cycle; now swap seconds between stages while it helps.
            boolean improved = true;
            int guard = 0;
            while (improved && guard++ < 500) {
                improved = false;
                for (int a = 0; a < d.length; a++) {
                    if (!steps.get(a).isStage()) continue;
                    for (int b = 0; b < d.length; b++) {
                        if (a == b || !steps.get(b).isStage()) continue;
                        if (d[a] - stepSize < steps.get(a).minSeconds() - 1e-9 || d[b] + stepSize > steps.get(b).maxSeconds() + 1e-9) continue;
                        d[a] -= stepSize;
                        d[b] += stepSize;
                        double delay = feasible(d) ? totalDelay(d) : Double.POSITIVE_INFINITY;
                        if (delay < current - 1e-9) {
                            current = delay;
                            improved = true;
                        } else {
                            d[a] += stepSize;
                            d[b] -= stepSize;
                        }
                    }
                }
            }
            return d;
        }

        boolean feasible(double[] d) {
            double c = sum(d);
            for (int m = 0; m < flows.length; m++) {
                if (green.displayedGreenSeconds(m, d) < required[m] - 1e-9) return false;
                if (minShare[m] > 0 && green.effectiveSeconds(m, d, settings) < minShare[m] * shareScale * c - 1e-6) return false;
            }
            return true;
        }

        /** Scale the stages of d so the cycle is c, keeping minimums (used by the Webster baseline). */
        double[] rebalanceToCycle(double[] d, double c) {
            double diff = c - sum(d);
            int guard = 0;
            while (Math.abs(diff) > 1e-6 && guard++ < 10_000) {
                boolean moved = false;
                for (int s = 0; s < d.length && Math.abs(diff) > 1e-6; s++) {
                    Step st = steps.get(s);
                    if (!st.isStage()) continue;
                    double room = diff > 0 ? st.maxSeconds() - d[s] : d[s] - st.minSeconds();
                    double delta = Math.min(room, Math.min(1.0, Math.abs(diff)));
                    if (delta <= 0) continue;
                    d[s] += Math.signum(diff) * delta;
                    diff -= Math.signum(diff) * delta;
                    moved = true;
                }
                if (!moved) break;
            }
            return d;
        }

        /** Flow-weighted total delay (veh·s per hour of flow) with the cycle implied by d. */
        double totalDelay(double[] d) {
            return totalDelayAtCycle(d, sum(d));
        }

        double totalDelayAtCycle(double[] d, double c) {
            double total = 0;
            for (int m = 0; m < flows.length; m++) {
                double g = green.effectiveSeconds(m, d, settings);
                // while filling, d sums to less than c: the missing seconds are not yet green for anyone
                total += flows[m] * DelayModel.delaySecondsPerVehicle(c, g, flows[m], saturation[m], settings.analysisPeriodHours());
            }
            return total;
        }

        double meanDelay(double[] d) {
            double q = 0;
            for (double f : flows) q += f;
            return totalDelay(d) / q;
        }

        double maxX(double[] d) {
            double c = sum(d);
            double x = 0;
            for (int m = 0; m < flows.length; m++) {
                x = Math.max(x, DelayModel.degreeOfSaturation(c, green.effectiveSeconds(m, d, settings), flows[m], saturation[m]));
            }
            return x;
        }

        TimingPlan plan(double[] d, String method) {
            double c = sum(d);
            List<Double> steps = new ArrayList<>();
            for (double v : d) steps.add(v);
            return new TimingPlan(intersection.id(), c, steps, 0, meanDelay(d), meanDelay(intersection.currentDurations()),
                    maxX(d), method);
        }

        static double sum(double[] d) {
            double s = 0;
            for (double v : d) s += v;
            return s;
        }
    }
}
