package pl.kielce.traffic.anpr;

import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;
import pl.kielce.traffic.anpr.eval.Evaluation;
import pl.kielce.traffic.anpr.eval.GroundTruth;
import pl.kielce.traffic.anpr.eval.LabelledImage;
import pl.kielce.traffic.anpr.recognition.PlateRecognizer;
import pl.kielce.traffic.anpr.recognition.TesseractPool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bench [DIR...]}: the recogniser on every labelled photo, one thread (per-core speed, p50/p99) and one
 * thread per core (throughput), beside a baseline measured in the same run: plain Tesseract (pooled handle,
 * raw-line mode, whitelist) on the whole grey photo, which is what Tesseract alone does without localisation.
 */
final class Bench {
    private Bench() {
    }

    static int main(List<String> args) throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (String a : args) {
            dirs.add(Path.of(a));
        }
        if (dirs.isEmpty()) {
            System.err.println("usage: anpr bench DIR...");
            return 2;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("# anpr bench %s, %d cores, load average at start %.1f%n", Instant.now(), cores, load);
        System.out.println("| set | pipeline | threads | photos | exact | chars | wall p50 / p99 ms | CPU p50 / p99 ms | photos per CPU-s | photos/s (wall) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        try (PlateRecognizer r = PlateRecognizer.createDefault(cores);
             TesseractPool plain = new TesseractPool(1, TesseractPool.dataPathFromEnvironment(),
                     "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 13)) {
            for (Path dir : dirs) {
                List<LabelledImage> images = GroundTruth.load(dir);
                r.recognise(Files.readAllBytes(images.get(0).path()));
                for (int threads : new int[] {1, cores}) {
                    long t0 = System.nanoTime();
                    List<Evaluation.Outcome> o = Evaluation.run(r, images, threads);
                    Evaluation.Summary s = Evaluation.summarise(o, (System.nanoTime() - t0) / 1e9);
                    row(dir, "OpenCV + k-NN + Tesseract (this module)", threads, s);
                }
                // baseline: Tesseract alone on the whole photo (a third of the photos: it is slow)
                List<Evaluation.Outcome> base = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < images.size(); i += 3) {
                    LabelledImage li = images.get(i);
                    byte[] bytes = Files.readAllBytes(li.path());
                    long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    long s0 = System.nanoTime();
                    Mat img = PlateRecognizer.decode(bytes);
                    Mat gray = new Mat();
                    Imgproc.cvtColor(img, gray, Imgproc.COLOR_BGR2GRAY);
                    byte[] px = new byte[gray.cols() * gray.rows()];
                    gray.get(0, 0, px);
                    String text = plain.recognise(px, gray.cols(), gray.rows()).text();
                    String read = GroundTruth.normalise(text);
                    // the plate is the longest plate-sized token, if any
                    String best = Arrays.stream(text.split("\\s+")).map(GroundTruth::normalise)
                            .filter(t -> t.length() >= 4 && t.length() <= 10).findFirst().orElse(read.length() > 10 ? "" : read);
                    base.add(new Evaluation.Outcome(li, best, 0, false, false, System.nanoTime() - s0,
                            java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0));
                    img.release();
                    gray.release();
                }
                row(dir, "baseline: Tesseract alone, whole photo (every 3rd photo)", 1,
                        Evaluation.summarise(base, (System.nanoTime() - t0) / 1e9));
            }
        }
        return 0;
    }

    private static void row(Path dir, String what, int threads, Evaluation.Summary s) {
        System.out.printf("| %s | %s | %d | %d | %.1f%% | %.1f%% | %.0f / %.0f | %.0f / %.0f | %.1f | %.1f |%n",
                dir.getFileName(), what, threads, s.images(), 100 * s.exactRate(), 100 * s.charRate(),
                s.percentileMillis(0.5), s.percentileMillis(0.99), s.percentileCpuMillis(0.5), s.percentileCpuMillis(0.99),
                s.photosPerCpuSecond(), s.imagesPerSecond());
    }
}
