package pl.kielce.traffic.signals.sumo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Step;
import pl.kielce.traffic.signals.timing.TimingPlan;

/** Writes plans as SUMO {@code <tlLogic>} programs (one phase per model step). */
public final class SumoPlanWriter {
    private SumoPlanWriter() {}

    /** A plan that runs from {@code fromSeconds} of the simulation (time-of-day switching). */
    public record ScheduledPlan(Intersection intersection, TimingPlan plan, double fromSeconds) {}

    /**
     * Writes all programs; when an intersection has several plans, each gets its own programID and a
     * WAUT switches between them at their start times.
     */
    public static void write(Path file, List<ScheduledPlan> plans, String programPrefix) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<!-- signal plans written by ./traffic signals optimize (pl.kielce.traffic.signals) -->\n<additional>\n");
        var byTls = new java.util.LinkedHashMap<String, List<ScheduledPlan>>();
        for (ScheduledPlan p : plans) byTls.computeIfAbsent(p.intersection().id(), k -> new java.util.ArrayList<>()).add(p);
        StringBuilder wauts = new StringBuilder();
        for (var e : byTls.entrySet()) {
            List<ScheduledPlan> list = e.getValue().stream()
                    .sorted(java.util.Comparator.comparingDouble(ScheduledPlan::fromSeconds)).toList();
            for (int i = 0; i < list.size(); i++) {
                String programId = list.size() == 1 ? programPrefix : programPrefix + "-" + i;
                appendProgram(xml, list.get(i), programId);
            }
            if (list.size() > 1) {
                String id = "waut_" + e.getKey();
                wauts.append(String.format(Locale.ROOT, "    <WAUT id=\"%s\" refTime=\"0\" startProg=\"%s-0\">%n", esc(id), programPrefix));
                for (int i = 1; i < list.size(); i++) {
                    wauts.append(String.format(Locale.ROOT, "        <wautSwitch time=\"%.0f\" to=\"%s-%d\"/>%n",
                            list.get(i).fromSeconds(), programPrefix, i));
                }
                wauts.append("    </WAUT>\n");
                wauts.append(String.format("    <wautJunction wautID=\"%s\" junctionID=\"%s\"/>%n", esc(id), esc(e.getKey())));
            }
        }
        xml.append(wauts).append("</additional>\n");
        Files.writeString(file, xml);
    }

    private static void appendProgram(StringBuilder xml, ScheduledPlan sp, String programId) {
        Intersection in = sp.intersection();
        TimingPlan plan = sp.plan();
        long[] seconds = roundKeepingSum(plan.stepSeconds());
        xml.append(String.format(Locale.ROOT,
                "    <!-- cycle %.0f s, method %s, expected delay %.1f s/veh (current plan %.1f), max x %.2f -->%n",
                plan.cycleSeconds(), plan.method(), plan.expectedDelaySecondsPerVehicle(), plan.currentDelaySecondsPerVehicle(),
                plan.maxDegreeOfSaturation()));
        xml.append(String.format(Locale.ROOT, "    <tlLogic id=\"%s\" type=\"static\" programID=\"%s\" offset=\"%.0f\">%n",
                esc(in.id()), esc(programId), plan.offsetSeconds()));
        List<Step> steps = in.steps();
        for (int s = 0; s < steps.size(); s++) {
            if (seconds[s] <= 0) continue; // a zero-length step is skipped by the controller
            String state = steps.get(s).controllerState();
            if (state == null) throw new IllegalArgumentException("intersection " + in.id() + ": step " + steps.get(s).id() + " has no controller state");
            xml.append(String.format(Locale.ROOT, "        <phase duration=\"%d\" state=\"%s\"/>%n", seconds[s], state));
        }
        xml.append("    </tlLogic>\n");
    }

    /** Whole seconds whose sum equals the rounded cycle (largest remainders first). */
    static long[] roundKeepingSum(List<Double> values) {
        long[] out = new long[values.size()];
        double total = 0;
        long sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) Math.floor(values.get(i));
            total += values.get(i);
            sum += out[i];
        }
        long missing = Math.round(total) - sum;
        while (missing > 0) {
            int best = -1;
            double bestRem = -1;
            for (int i = 0; i < out.length; i++) {
                double rem = values.get(i) - out[i];
                if (rem > bestRem) {
                    bestRem = rem;
                    best = i;
                }
            }
            out[best]++;
            missing--;
        }
        return out;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
