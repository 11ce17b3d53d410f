package pl.kielce.traffic.anpr.eval;

import pl.kielce.traffic.anpr.recognition.PlateCandidate;
import pl.kielce.traffic.anpr.recognition.PlateReading;
import pl.kielce.traffic.anpr.recognition.PlateRecognizer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a recogniser over labelled photos and summarises exact-plate and character accuracy, speed and confusions. */
public final class Evaluation {
    /** One photo's outcome. */
    public record Outcome(LabelledImage image, String read, double confidence, boolean localised, boolean inTopN,
                          long nanos, long cpuNanos) {
        public boolean exact() {
            return image.plate().equals(read);
        }

        /**
         * Exact when the letter O and the digit 0 count as one character: some labels (OpenALPR's European set)
         * write the digit 0 of Slovak and Czech plates as the letter O. Reported beside, never instead of, {@link #exact()}.
         */
        public boolean exactOZero() {
            return image.plate().replace('O', '0').equals(read.replace('O', '0'));
        }
    }

    /** Totals over a set. */
    public record Summary(int images, int exact, int exactOZero, int charsCorrect, int charsTotal, int localised, int inTopN,
                          double wallSeconds, double[] millisSorted, double[] cpuMillisSorted, Map<String, Integer> confusions) {
        public double exactRate() {
            return images == 0 ? 0 : (double) exact / images;
        }

        public double charRate() {
            return charsTotal == 0 ? 0 : (double) charsCorrect / charsTotal;
        }

        public double imagesPerSecond() {
            return wallSeconds == 0 ? 0 : images / wallSeconds;
        }

        public double percentileMillis(double q) {
            return percentile(millisSorted, q);
        }

        /** CPU time of the recognising thread per photo: what one core spends, whatever the machine's load. */
        public double percentileCpuMillis(double q) {
            return percentile(cpuMillisSorted, q);
        }

        public double photosPerCpuSecond() {
            double sum = 0;
            for (double v : cpuMillisSorted) {
                sum += v;
            }
            return sum == 0 ? 0 : 1000.0 * cpuMillisSorted.length / sum;
        }

        private static double percentile(double[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
            return sorted[Math.max(0, i)];
        }
    }

    private Evaluation() {
    }

    public static List<Outcome> run(PlateRecognizer recognizer, List<LabelledImage> images, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (LabelledImage li : images) {
                futures.add(pool.submit(() -> one(recognizer, li)));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome one(PlateRecognizer recognizer, LabelledImage li) throws Exception {
        byte[] bytes = Files.readAllBytes(li.path());
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        PlateReading r = recognizer.recognise(bytes);
        long dt = System.nanoTime() - t0;
        long dc = mx.getCurrentThreadCpuTime() - c0;
        String read = r.best().map(PlateCandidate::text).orElse("");
        double conf = r.best().map(PlateCandidate::confidence).orElse(0.0);
        boolean localised = li.box() != null && r.candidates().stream().anyMatch(c -> c.box().covers(li.box()) > 0.5
                || li.box().covers(c.box()) > 0.5);
        boolean inTop = r.candidates().stream().anyMatch(c -> c.text().equals(li.plate()));
        return new Outcome(li, read, conf, localised, inTop, dt, dc);
    }

    public static Summary summarise(List<Outcome> outcomes, double wallSeconds) {
        int exact = 0, exactOZero = 0, cc = 0, ct = 0, loc = 0, top = 0;
        Map<String, Integer> conf = new HashMap<>();
        double[] ms = new double[outcomes.size()];
        double[] cpu = new double[outcomes.size()];
        int i = 0;
        for (Outcome o : outcomes) {
            String gt = o.image().plate();
            String rd = o.read();
            if (o.exact()) {
                exact++;
            }
            if (o.exactOZero()) {
                exactOZero++;
            }
            if (o.localised()) {
                loc++;
            }
            if (o.inTopN()) {
                top++;
            }
            ct += gt.length();
            cc += Math.max(0, gt.length() - GroundTruth.editDistance(gt, rd));
            if (gt.length() == rd.length()) {
                for (int k = 0; k < gt.length(); k++) {
                    if (gt.charAt(k) != rd.charAt(k)) {
                        conf.merge(gt.charAt(k) + "->" + rd.charAt(k), 1, Integer::sum);
                    }
                }
            } else {
                conf.merge(rd.isEmpty() ? "no read" : "length " + gt.length() + "->" + rd.length(), 1, Integer::sum);
            }
            cpu[i] = o.cpuNanos() / 1e6;
            ms[i++] = o.nanos() / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        return new Summary(outcomes.size(), exact, exactOZero, cc, ct, loc, top, wallSeconds, ms, cpu, conf);
    }

    public static void print(Summary s, PrintStream out, int topConfusions) {
        out.printf("images            %d%n", s.images());
        out.printf("exact plates      %d (%.1f%%)%n", s.exact(), 100 * s.exactRate());
        out.printf("exact if O = 0    %d (%.1f%%)  (labels that write the digit 0 as the letter O count as right)%n",
                s.exactOZero(), 100.0 * s.exactOZero() / Math.max(1, s.images()));
        out.printf("characters        %d/%d (%.1f%%)%n", s.charsCorrect(), s.charsTotal(), 100 * s.charRate());
        out.printf("true plate in top-N %d (%.1f%%)%n", s.inTopN(), 100.0 * s.inTopN() / Math.max(1, s.images()));
        out.printf("plate box found   %d (%.1f%%)%n", s.localised(), 100.0 * s.localised() / Math.max(1, s.images()));
        out.printf("time per photo    p50 %.1f ms, p99 %.1f ms (wall); CPU p50 %.1f ms, p99 %.1f ms = %.1f photos per CPU-second%n",
                s.percentileMillis(0.5), s.percentileMillis(0.99), s.percentileCpuMillis(0.5), s.percentileCpuMillis(0.99),
                s.photosPerCpuSecond());
        out.printf("throughput        %.2f photos/s%n", s.imagesPerSecond());
        out.println("top confusions (truth->read):");
        s.confusions().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(topConfusions)
                .forEach(e -> out.printf("  %-12s %d%n", e.getKey(), e.getValue()));
        out.printf(java.util.Locale.ROOT, "exact=%.4f chars=%.4f images=%d images_per_s=%.2f%n",
                s.exactRate(), s.charRate(), s.images(), s.imagesPerSecond());
    }
}
