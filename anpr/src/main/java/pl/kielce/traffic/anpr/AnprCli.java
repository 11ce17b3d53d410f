package pl.kielce.traffic.anpr;

import pl.kielce.traffic.anpr.eval.Evaluation;
import pl.kielce.traffic.anpr.eval.GroundTruth;
import pl.kielce.traffic.anpr.eval.LabelledImage;
import pl.kielce.traffic.anpr.recognition.PlateCandidate;
import pl.kielce.traffic.anpr.recognition.PlateReading;
import pl.kielce.traffic.anpr.recognition.PlateRecognizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command line: {@code read IMAGE...}, {@code eval DIR [--split all|dev|holdout] [--threads N] [--verbose]},
 * {@code replay DIR --camera ID --rate N [--url URL]}.
 */
public final class AnprCli {
    private AnprCli() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length == 0) {
            usage();
        }
        String cmd = args[0];
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        int code = switch (cmd) {
            case "read" -> read(rest);
            case "eval" -> eval(rest);
            case "train" -> train(rest);
            case "bench" -> Bench.main(rest);
            case "replay" -> pl.kielce.traffic.anpr.gateway.Replay.main(rest);
            case "serve" -> pl.kielce.traffic.anpr.gateway.GatewayMain.main(rest);
            default -> {
                usage();
                yield 2;
            }
        };
        System.exit(code);
    }

    private static void usage() {
        System.err.println("usage: anpr read IMAGE... | eval DIR [--split all|dev|holdout] [--threads N] [--verbose]"
                + " | replay DIR --camera ID --rate N [--url URL] | serve [--port N]");
        System.exit(2);
    }

    static int threads(List<String> args) {
        int i = args.indexOf("--threads");
        if (i >= 0 && i + 1 < args.size()) {
            int n = Integer.parseInt(args.get(i + 1));
            args.remove(i + 1);
            args.remove(i);
            return n;
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static int read(List<String> args) throws IOException {
        if (args.isEmpty()) {
            System.err.println("usage: anpr read IMAGE...");
            return 2;
        }
        int exit = 0;
        try (PlateRecognizer r = PlateRecognizer.createDefault(1)) {
            for (String a : args) {
                Path p = Path.of(a);
                try {
                    PlateReading reading = r.recognise(Files.readAllBytes(p));
                    String text = reading.best().map(PlateCandidate::text).orElse("");
                    double conf = reading.best().map(PlateCandidate::confidence).orElse(0.0);
                    System.out.printf("%s\t%s\t%.3f%n", a, text, conf);
                } catch (java.nio.file.NoSuchFileException e) {
                    System.err.println(a + ": no such file");
                    System.out.printf("%s\t\t0.000%n", a);
                    exit = 1;
                } catch (IOException | IllegalArgumentException e) {
                    System.err.println(a + ": " + e.getMessage());
                    System.out.printf("%s\t\t0.000%n", a);
                    exit = 1;
                }
            }
        }
        return exit;
    }

    /**
     * {@code train OUT DIR...}: harvests labelled glyphs from the <em>dev</em> split (even positions) of each
     * labelled folder, using the font-only recogniser to segment, and writes them for the classifier.
     */
    private static int train(List<String> args) throws Exception {
        if (args.size() < 2) {
            System.err.println("usage: anpr train OUT.bin DIR...");
            return 2;
        }
        List<Path> dirs = new ArrayList<>();
        for (String dir : args.subList(1, args.size())) {
            dirs.add(Path.of(dir));
        }
        var samples = PlateRecognizer.harvestDevSplit(dirs, System.err);
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(args.get(0))))) {
            pl.kielce.traffic.anpr.recognition.GlyphSamples.write(out, samples);
        }
        System.err.printf("wrote %d glyphs to %s%n", samples.size(), args.get(0));
        return 0;
    }

    private static int eval(List<String> args) throws Exception {
        int threads = threads(args);
        boolean verbose = args.remove("--verbose");
        String split = "all";
        int si = args.indexOf("--split");
        if (si >= 0) {
            split = args.get(si + 1);
            args.remove(si + 1);
            args.remove(si);
        }
        if (args.size() != 1) {
            System.err.println("usage: anpr eval DIR [--split all|dev|holdout] [--threads N] [--verbose]");
            return 2;
        }
        List<LabelledImage> all = GroundTruth.load(Path.of(args.get(0)));
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            boolean dev = i % 2 == 0;
            if (split.equals("all") || (split.equals("dev") && dev) || (split.equals("holdout") && !dev)) {
                images.add(all.get(i));
            }
        }
        try (PlateRecognizer r = PlateRecognizer.createDefault(threads)) {
            // warm-up on one photo so the timing excludes JIT and model loading
            r.recognise(Files.readAllBytes(images.get(0).path()));
            long t0 = System.nanoTime();
            List<Evaluation.Outcome> outcomes = Evaluation.run(r, images, threads);
            double wall = (System.nanoTime() - t0) / 1e9;
            if (verbose) {
                for (Evaluation.Outcome o : outcomes) {
                    System.out.printf("%s\t%s\t%s\t%.3f\t%s%s%n", o.image().path().getFileName(), o.image().plate(), o.read(),
                            o.confidence(), o.exact() ? "ok" : "WRONG", o.localised() ? "" : " (box missed)");
                }
            }
            System.out.printf("split             %s (%d of %d photos; dev = even positions, holdout = odd), threads %d%n",
                    split, images.size(), all.size(), threads);
            Evaluation.print(Evaluation.summarise(outcomes, wall), System.out, 12);
            if (verbose) {
                var st = PlateRecognizer.STAGE_NANOS;
                System.err.printf("stage ms/photo: localise %.1f, warp+segment %.1f, classify %.1f (knn %.1f), tesseract %.1f%n",
                        st.get(0) / 1e6 / (images.size() + 1), st.get(1) / 1e6 / (images.size() + 1), st.get(2) / 1e6 / (images.size() + 1),
                        st.get(4) / 1e6 / (images.size() + 1), st.get(3) / 1e6 / (images.size() + 1));
            }
        }
        return 0;
    }
}
