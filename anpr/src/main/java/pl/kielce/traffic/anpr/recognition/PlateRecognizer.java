package pl.kielce.traffic.anpr.recognition;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads licence plates from a photo: OpenCV proposes plate regions, each is deskewed and scaled to a fixed
 * character height, binarised (Otsu and adaptive) and segmented into a row of glyphs; glyphs are classified
 * by a k-NN on HOG features, the best candidates are also read by Tesseract (raw-line mode, whitelist) and
 * the two are fused per position; the Polish plate grammar then picks the text. Thread-safe: OpenCV work is
 * per call and Tesseract handles come from a pool.
 */
public final class PlateRecognizer implements AutoCloseable {
    static final double TARGET_CHAR_HEIGHT = 40;
    private static final Mat FRAME_KERNEL = frameKernel();
    private static final boolean REMOVE_FRAME_LINES = Boolean.getBoolean("anpr.removeFrameLines");
    static final double UNCERTAIN = Double.parseDouble(System.getProperty("anpr.uncertain", "0.6"));
    private static final boolean FILL_GAPS = !Boolean.getBoolean("anpr.noGapFill");
    private static final double COLOUR_CHROMA = Double.parseDouble(System.getProperty("anpr.colourChroma", "45"));
    private static final boolean USE_HYPHEN = !Boolean.getBoolean("anpr.noHyphen");
    private static final boolean USE_SEPARATOR = !Boolean.getBoolean("anpr.noSeparator");
    private static final String DEBUG_DIR = System.getProperty("anpr.debugDir");
    /** Nanoseconds spent per stage (localise, segment, classify, tesseract), for profiling. */
    public static final java.util.concurrent.atomic.AtomicLongArray STAGE_NANOS = new java.util.concurrent.atomic.AtomicLongArray(5);
    private static final String WHITELIST = Glyphs.ALPHABET;

    /** Tuning knobs; {@link #defaults()} is what the CLI and the gateway use. */
    public record Settings(int maxRegions, int topN, int tesseractCandidates, double tesseractWeight) {
        public static Settings defaults() {
            return new Settings(8, 5, 2, Double.parseDouble(System.getProperty("anpr.tesseractWeight", "0.35")));
        }
    }

    private final GlyphClassifier classifier;
    private final TesseractPool tesseract;
    private final PlateGrammar grammar;
    private final PlateLocaliser localiser;
    private final Settings settings;

    public PlateRecognizer(GlyphClassifier classifier, TesseractPool tesseract, PlateGrammar grammar, Settings settings) {
        OpenCv.load();
        this.classifier = classifier;
        this.tesseract = tesseract;
        this.grammar = grammar;
        this.settings = settings;
        this.localiser = new PlateLocaliser(settings.maxRegions());
    }

    /**
     * The standard recogniser: font-trained classifier, plus the labelled real glyphs in the file named by system
     * property {@value #GLYPHS_PROPERTY} when it exists (made by {@code ./traffic anpr train}; derived from labelled
     * photos, so it is generated on each machine, never committed), Polish districts, a Tesseract pool of
     * {@code poolSize}.
     */
    public static PlateRecognizer createDefault(int poolSize) {
        OpenCv.load();
        List<GlyphSamples.Sample> real = List.of();
        String file = System.getProperty(GLYPHS_PROPERTY, "");
        if (!file.isBlank() && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(file))) {
            try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(java.nio.file.Path.of(file)))) {
                real = GlyphSamples.read(in);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read labelled glyphs " + file + ": " + e.getMessage(), e);
            }
        }
        return create(poolSize, real);
    }

    /** System property naming the labelled real-glyph file (see {@code anpr train}); optional. */
    public static final String GLYPHS_PROPERTY = "anpr.glyphs";

    /**
     * Harvests labelled glyphs from the <em>dev</em> split (even positions, sorted by name) of each labelled folder,
     * segmenting with the font-only recogniser. The holdout split (odd positions) is never looked at.
     */
    public static List<GlyphSamples.Sample> harvestDevSplit(List<java.nio.file.Path> dirs, java.io.PrintStream log) throws java.io.IOException {
        List<GlyphSamples.Sample> samples = new java.util.ArrayList<>();
        try (PlateRecognizer r = create(1, List.of())) {
            for (java.nio.file.Path dir : dirs) {
                List<pl.kielce.traffic.anpr.eval.LabelledImage> all = pl.kielce.traffic.anpr.eval.GroundTruth.load(dir);
                int used = 0, photos = 0;
                for (int i = 0; i < all.size(); i += 2) {
                    pl.kielce.traffic.anpr.eval.LabelledImage li = all.get(i);
                    photos++;
                    Mat img = decode(java.nio.file.Files.readAllBytes(li.path()));
                    List<GlyphSamples.Sample> got = r.harvest(img, li.box(), li.plate());
                    img.release();
                    if (!got.isEmpty()) {
                        used++;
                        samples.addAll(got);
                    }
                }
                log.printf("%s: %d of %d dev-split photos gave labelled glyphs%n", dir, used, photos);
            }
        }
        return samples;
    }

    /** A recogniser whose classifier learns from the fonts plus the given labelled glyphs. */
    public static PlateRecognizer create(int poolSize, List<GlyphSamples.Sample> realGlyphs) {
        OpenCv.load();
        GlyphClassifier c = GlyphClassifier.train(GlyphClassifier.defaultFonts(), realGlyphs, 42);
        TesseractPool t = new TesseractPool(poolSize, TesseractPool.dataPathFromEnvironment(), WHITELIST, 13);
        return new PlateRecognizer(c, t, PlateGrammar.polishDefault(), Settings.defaults());
    }

    /** Decodes a JPEG/PNG; throws {@link IllegalArgumentException} when the bytes are not a readable image. */
    public static Mat decode(byte[] encoded) {
        OpenCv.load();
        if (encoded == null || encoded.length == 0) {
            throw new IllegalArgumentException("image is empty");
        }
        Mat img = Imgcodecs.imdecode(new MatOfByte(encoded), Imgcodecs.IMREAD_COLOR);
        if (img.empty() || img.cols() < 16 || img.rows() < 16) {
            throw new IllegalArgumentException("image could not be decoded as JPEG or PNG (or is smaller than 16x16)");
        }
        return img;
    }

    public PlateReading recognise(byte[] encoded) {
        Mat img = decode(encoded);
        try {
            return recognise(img);
        } finally {
            img.release();
        }
    }

    public PlateReading recognise(Mat bgrInput) {
        Mat bgr = bgrInput;
        double downscale = 1.0;
        int longSide = Math.max(bgr.cols(), bgr.rows());
        if (longSide > 1600) {
            downscale = 1600.0 / longSide;
            bgr = new Mat();
            Imgproc.resize(bgrInput, bgr, new Size(), downscale, downscale, Imgproc.INTER_AREA);
        }
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        long t0 = System.nanoTime();
        List<PlateRegion> regions = localiser.propose(bgr, gray);
        STAGE_NANOS.addAndGet(0, System.nanoTime() - t0);
        List<Segmented> segs = new ArrayList<>();
        for (PlateRegion r : regions) {
            Segmented s = readRegion(bgr, gray, r);
            if (s != null) {
                segs.add(s);
            }
        }
        segs.sort(Comparator.comparingDouble(Segmented::score).reversed());
        // Tesseract on the most promising few, fused per position with the classifier
        long t3 = System.nanoTime();
        for (int i = 0; i < Math.min(settings.tesseractCandidates(), segs.size()); i++) {
            if (segs.get(i).uncertain()) {
                segs.set(i, withTesseract(segs.get(i)));
            }
        }
        STAGE_NANOS.addAndGet(3, System.nanoTime() - t3);
        segs.sort(Comparator.comparingDouble(Segmented::score).reversed());
        Map<String, PlateCandidate> out = new LinkedHashMap<>();
        for (Segmented s : segs) {
            for (PlateGrammar.Reading rd : s.readings()) {
                if (out.size() >= settings.topN()) {
                    break;
                }
                double conf = confidence(rd, s);
                PlateBox box = scaleBox(s.box(), 1 / downscale);
                String country = rd.layout().contains(":") ? rd.layout().substring(0, rd.layout().indexOf(':')) : "ZZ";
                out.putIfAbsent(rd.text(), new PlateCandidate(rd.text(), conf, box, country));
                if (out.size() >= settings.topN() || rd != s.readings().get(0)) {
                    break;
                }
            }
        }
        gray.release();
        if (bgr != bgrInput) {
            bgr.release();
        }
        List<PlateCandidate> list = new ArrayList<>(out.values());
        list.sort(Comparator.comparingDouble(PlateCandidate::confidence).reversed());
        return new PlateReading(list);
    }

    private static double confidence(PlateGrammar.Reading rd, Segmented s) {
        double perChar = Math.exp(rd.logScore() / rd.text().length());
        double c = perChar * (rd.layout().equals("free") ? 0.8 : 1.0) * s.shapeQuality();
        return Math.max(0, Math.min(1, c));
    }

    private static PlateBox scaleBox(PlateBox b, double f) {
        if (f == 1.0) {
            return b;
        }
        return new PlateBox((int) Math.round(b.x() * f), (int) Math.round(b.y() * f),
                Math.max(1, (int) Math.round(b.width() * f)), Math.max(1, (int) Math.round(b.height() * f)));
    }

    /** A segmented region: its glyphs (normalised), class probabilities, decoded readings and photo box. */
    record Segmented(List<Mat> glyphs, List<Double> aspects, double[][] probs, List<PlateGrammar.Reading> readings,
                     PlateBox box, double shapeQuality, String method, int emblemAfter, PlateGrammar.Cues cues) {
        /** Some character's best class has less than 0.6 of the probability: worth a second opinion. */
        boolean uncertain() {
            for (double[] row : probs) {
                if (row[PlateGrammar.argmax(row)] < UNCERTAIN) {
                    return true;
                }
            }
            return false;
        }

        double score() {
            PlateGrammar.Reading r = readings.get(0);
            return r.logScore() / r.text().length() + Math.log(shapeQuality);
        }
    }

    Segmented readRegion(Mat bgr, Mat gray, PlateRegion r) {
        double ch = Math.max(8, r.charHeight());
        double scale = Math.max(0.4, Math.min(5.0, TARGET_CHAR_HEIGHT / ch));
        double angle = r.angleDegrees();
        Segmented best = null;
        for (int pass = 0; pass < 2; pass++) {
            long t1 = System.nanoTime();
            Warp w = warp(bgr, gray, r, angle, scale);
            Segmentation seg = segment(w.gray, w.color);
            STAGE_NANOS.addAndGet(1, System.nanoTime() - t1);
            if (seg == null) {
                w.release();
                return best;
            }
            double skew = seg.skewDegrees();
            if (pass == 0 && Math.abs(skew) > 1.5) {
                angle += skew;
                w.release();
                seg.release();
                continue;
            }
            long t2 = System.nanoTime();
            best = classify(seg, w, r);
            STAGE_NANOS.addAndGet(2, System.nanoTime() - t2);
            w.release();
            seg.release();
            break;
        }
        return best;
    }

    private static Mat frameKernel() {
        OpenCv.load();
        return Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(TARGET_CHAR_HEIGHT * 2.5, 1));
    }

    private record Warp(Mat gray, Mat color, Mat inverse) {
        void release() {
            gray.release();
            color.release();
            inverse.release();
        }
    }

    private static Warp warp(Mat bgr, Mat gray, PlateRegion r, double angle, double scale) {
        int outW = (int) Math.max(16, Math.round(r.width() * scale));
        int outH = (int) Math.max(16, Math.round(r.height() * scale));
        Mat m = Imgproc.getRotationMatrix2D(new Point(r.cx(), r.cy()), angle, scale);
        m.put(0, 2, m.get(0, 2)[0] + outW / 2.0 - r.cx());
        m.put(1, 2, m.get(1, 2)[0] + outH / 2.0 - r.cy());
        Mat g = new Mat();
        Imgproc.warpAffine(gray, g, m, new Size(outW, outH), Imgproc.INTER_CUBIC, Core.BORDER_REPLICATE);
        Mat c = new Mat();
        Imgproc.warpAffine(bgr, c, m, new Size(outW, outH), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        Mat inv = new Mat();
        Imgproc.invertAffineTransform(m, inv);
        m.release();
        return new Warp(g, c, inv);
    }

    /** The chosen binarisation, its labels and the character row (left to right). */
    private record Segmentation(Mat binary, Mat labels, List<Blob> row, double quality, int emblemAfter) {
        /**
         * Where the plate's separator is: the number of characters before a gap that stands out (at least
         * {@value #SEPARATOR_MIN_HEIGHTS} character heights and {@value #SEPARATOR_MIN_RATIO} times the typical gap),
         * or the emblem's position; -1 when there is no clear separator.
         */
        int separatorAfter() {
            return separatorAfter(0, row.size());
        }

        /** As {@link #separatorAfter()} for the characters {@code from..to-1} (a junk glyph at an end left out). */
        int separatorAfter(int from, int to) {
            if (emblemAfter > 0) {
                return emblemAfter - from > 0 && emblemAfter - from < to - from ? emblemAfter - from : -1;
            }
            int n = to - from;
            if (n < 4) {
                return -1;
            }
            double h = CharacterRows.medianHeight(row);
            double[] gaps = new double[n - 1];
            int widest = 0;
            for (int i = 1; i < n; i++) {
                gaps[i - 1] = row.get(from + i).x() - row.get(from + i - 1).right();
                if (gaps[i - 1] > gaps[widest]) {
                    widest = i - 1;
                }
            }
            double[] sorted = gaps.clone();
            java.util.Arrays.sort(sorted);
            double typical = Math.max(1, sorted[(sorted.length - 1) / 2]);
            double second = sorted.length > 1 ? sorted[sorted.length - 2] : 0;
            boolean clear = gaps[widest] >= SEPARATOR_MIN_HEIGHTS * h && gaps[widest] >= SEPARATOR_MIN_RATIO * typical
                    && gaps[widest] >= 1.5 * second;
            return clear ? widest + 1 : -1;
        }

        /**
         * A hyphen in the separator gap: a short flat dash (0.2-0.8 character heights wide, at most 0.3 high, at
         * mid-height). Slovak and old Czech plates write one; Polish plates never do (their gap holds the round
         * registration sticker).
         */
        boolean hyphenAt(int after) {
            if (after <= 0 || after >= row.size()) {
                return false;
            }
            double h = CharacterRows.medianHeight(row);
            int x0 = row.get(after - 1).right(), x1 = row.get(after).x();
            int top = row.get(after - 1).y(), bottom = Math.min(binary.rows(), row.get(after - 1).bottom());
            if (x1 - x0 < 3 || bottom - top < 6) {
                return false;
            }
            Mat sub = new Mat();
            binary.submat(top, bottom, x0, x1).copyTo(sub);
            Mat lab = new Mat(), stats = new Mat(), cents = new Mat();
            int n = Imgproc.connectedComponentsWithStats(sub, lab, stats, cents, 8, CvType.CV_32S);
            int[] st = new int[n * 5];
            stats.get(0, 0, st);
            boolean found = false;
            for (int c = 1; c < n && !found; c++) {
                int bx = st[c * 5], by = st[c * 5 + 1], bw = st[c * 5 + 2], bh = st[c * 5 + 3], area = st[c * 5 + 4];
                double cy = by + bh / 2.0;
                found = bw >= 0.2 * h && bw <= 0.8 * h && bh >= 2 && bh <= 0.3 * h && bw >= 2 * bh
                        && area >= 0.6 * bw * bh && cy > 0.3 * (bottom - top) && cy < 0.7 * (bottom - top)
                        && bx > 0 && bx + bw < x1 - x0;
            }
            sub.release();
            lab.release();
            stats.release();
            cents.release();
            return found;
        }

        static final double SEPARATOR_MIN_HEIGHTS = 0.4;
        static final double SEPARATOR_MIN_RATIO = 2.5;

        double skewDegrees() {
            int n = row.size();
            double mx = 0, my = 0;
            for (Blob b : row) {
                mx += b.cx();
                my += b.bottom();
            }
            mx /= n;
            my /= n;
            double sxy = 0, sxx = 0;
            for (Blob b : row) {
                sxy += (b.cx() - mx) * (b.bottom() - my);
                sxx += (b.cx() - mx) * (b.cx() - mx);
            }
            return sxx == 0 ? 0 : Math.toDegrees(Math.atan(sxy / sxx));
        }

        void release() {
            binary.release();
            labels.release();
        }
    }

    private static Segmentation segment(Mat gray, Mat color) {
        Segmentation best = null;
        Mat hsv = new Mat();
        Imgproc.cvtColor(color, hsv, Imgproc.COLOR_BGR2HSV);
        for (int method = 0; method < 2; method++) {
            if (method == 1 && best != null && best.quality() >= 0.9 && best.row().size() >= 7 && best.row().size() <= 8) {
                break; // Otsu already gave a clean plate-length row: the adaptive pass would not beat it
            }
            Mat bin = new Mat();
            if (method == 0) {
                Imgproc.threshold(gray, bin, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            } else {
                Imgproc.adaptiveThreshold(gray, bin, 255, Imgproc.ADAPTIVE_THRESH_GAUSSIAN_C, Imgproc.THRESH_BINARY_INV,
                        (int) (TARGET_CHAR_HEIGHT * 1.2) | 1, 7);
            }
            // long horizontal strokes are the plate's frame or the bumper edge, never part of a character:
            // remove them so characters that touch the frame come loose
            // (measured: +2 European plates, -5 Polish ones, as loose frame pieces then pass as characters; off)
            if (REMOVE_FRAME_LINES) {
                Mat lines = new Mat();
                Imgproc.morphologyEx(bin, lines, Imgproc.MORPH_OPEN, FRAME_KERNEL);
                Core.subtract(bin, lines, bin);
                lines.release();
            }
            Mat labels = new Mat();
            List<Blob> blobs = CharacterRows.blobs(bin, labels, (int) (TARGET_CHAR_HEIGHT * 0.45),
                    (int) Math.min(gray.rows() - 1, TARGET_CHAR_HEIGHT * 2.0), 2.8);
            List<Blob> wide = new ArrayList<>();
            blobs.removeIf(b -> {
                if ((double) b.w() / b.h() > 1.15) {
                    wide.add(b);
                    return true;
                }
                return false;
            });
            List<Blob> row = null;
            double q = -1;
            for (List<Blob> cand : CharacterRows.rows(blobs, 4, 1.5)) {
                if (cand.size() > 10) {
                    continue;
                }
                double cq = rowQuality(cand, gray.cols(), gray.rows());
                if (cq > q) {
                    q = cq;
                    row = cand;
                }
            }
            double emblemX = Double.NaN;
            double rowColourThreshold = COLOUR_CHROMA;
            if (row != null) {
                // the EU band, an emblem or a coloured sticker is not a character
                List<Blob> kept = new ArrayList<>();
                int emblemAfter = -1;
                List<double[]> colours = new ArrayList<>();
                for (Blob b : row) {
                    colours.add(colour(hsv, labels, b));
                }
                rowColourThreshold = colourThreshold(colours);
                for (int i = 0; i < row.size(); i++) {
                    Blob b = row.get(i);
                    if (!colourful(colours.get(i), rowColourThreshold)) {
                        kept.add(b);
                    } else if (!kept.isEmpty()) {
                        emblemAfter = kept.size(); // a coloured blob inside the row: a state emblem
                        emblemX = b.cx();
                    }
                }
                if (emblemAfter >= kept.size()) {
                    emblemX = Double.NaN; // it was at the right end, not between characters
                }
                row = kept.size() < 4 ? null : kept;
            }
            if (row != null && !wide.isEmpty() && row.size() < 9) {
                row = CharacterRows.withSplitWideBlobs(row, wide, labels);
            }
            if (row != null && FILL_GAPS && row.size() < 9) {
                List<Blob> filled = CharacterRows.withGapsFilled(row, bin, labels);
                if (filled.size() > row.size()) {
                    List<Blob> kept = new ArrayList<>();
                    for (Blob b : filled) {
                        if (row.contains(b) || !colourful(colour(hsv, labels, b), rowColourThreshold)) {
                            kept.add(b);
                        }
                    }
                    if (kept.size() > row.size() && kept.size() <= 9) {
                        row = kept;
                        q = rowQuality(row, gray.cols(), gray.rows());
                    }
                }
            }
            if (row != null && (best == null || q > best.quality())) {
                if (best != null) {
                    best.release();
                }
                int emblemAfter = -1;
                if (!Double.isNaN(emblemX)) {
                    emblemAfter = 0;
                    for (Blob b : row) {
                        emblemAfter += b.cx() < emblemX ? 1 : 0;
                    }
                }
                best = new Segmentation(bin, labels, row, q, emblemAfter);
            } else {
                bin.release();
                labels.release();
            }
        }
        hsv.release();
        return best;
    }

    /** Mean saturation and value of a blob's own pixels, and their chroma S*V/255. */
    private static double[] colour(Mat hsv, Mat labels, Blob b) {
        Rect r = new Rect(b.x(), b.y(), b.w(), b.h());
        Mat mask = new Mat();
        Core.compare(labels.submat(r), new Scalar(b.label()), mask, Core.CMP_EQ);
        Scalar mean = Core.mean(hsv.submat(r), mask);
        mask.release();
        return new double[]{mean.val[1], mean.val[2], mean.val[1] * mean.val[2] / 255};
    }

    /**
     * The chroma a blob of this row must exceed to count as coloured (EU band, emblem, sticker): an absolute
     * floor — saturation alone is unreliable for dark pixels (black ink in a bluish shadow reads S ~ 100 at
     * V ~ 70) — and well above the row's typical ink, which on a yellow plate is itself tinted (chroma ~ 45).
     */
    private static double colourThreshold(List<double[]> rowColours) {
        double[] c = rowColours.stream().mapToDouble(v -> v[2]).sorted().toArray();
        double median = c.length == 0 ? 0 : c[c.length / 2];
        return Math.max(COLOUR_CHROMA, 1.8 * median);
    }

    private static boolean colourful(double[] colour, double threshold) {
        return colour[0] > 90 && colour[1] > 60 && colour[2] > threshold;
    }

    private static double rowQuality(List<Blob> row, int width, int height) {
        int n = row.size();
        // most plates (PL, SK, CZ) have 7 or 8 characters: between two clean rows prefer the complete one
        double countScore = n == 7 || n == 8 ? 1.0 : n == 6 || n == 9 ? 0.9 : n == 5 ? 0.8 : n == 4 ? 0.6 : 0.3;
        double mean = row.stream().mapToDouble(Blob::h).average().orElse(1);
        double sd = Math.sqrt(row.stream().mapToDouble(b -> (b.h() - mean) * (b.h() - mean)).average().orElse(0));
        double uniform = Math.max(0.05, 1 - 4 * sd / mean);
        double cy = row.stream().mapToDouble(Blob::cy).average().orElse(0);
        double centred = Math.max(0.2, 1 - Math.abs(cy - height / 2.0) / height);
        return countScore * uniform * centred;
    }

    private Segmented classify(Segmentation seg, Warp w, PlateRegion r) {
        List<Mat> glyphs = new ArrayList<>();
        List<Double> aspects = new ArrayList<>();
        List<float[]> feats = new ArrayList<>();
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = 0, y1 = 0;
        for (Blob b : seg.row()) {
            Rect rect = new Rect(b.x(), b.y(), b.w(), b.h());
            Mat mask = new Mat();
            Core.compare(seg.labels().submat(rect), new Scalar(b.label()), mask, Core.CMP_EQ);
            Mat norm = Glyphs.normalise(mask);
            double aspect = (double) b.w() / b.h();
            feats.add(Glyphs.features(norm, aspect));
            glyphs.add(mask);
            aspects.add(aspect);
            norm.release();
            x0 = Math.min(x0, b.x());
            y0 = Math.min(y0, b.y());
            x1 = Math.max(x1, b.right());
            y1 = Math.max(y1, b.bottom());
        }
        if (DEBUG_DIR != null) {
            Mat dbg = new Mat();
            Imgproc.cvtColor(seg.binary(), dbg, Imgproc.COLOR_GRAY2BGR);
            for (Blob b : seg.row()) {
                Imgproc.rectangle(dbg, new Point(b.x(), b.y()), new Point(b.right() - 1, b.bottom() - 1), new Scalar(0, 0, 255), 1);
            }
            Mat both = new Mat();
            Core.vconcat(List.of(w.color(), dbg), both);
            Imgproc.resize(both, both, new Size(), 3, 3, Imgproc.INTER_NEAREST);
            Imgcodecs.imwrite(DEBUG_DIR + "/seg-" + r.method() + "-" + (int) r.cx() + "-" + (int) r.cy() + ".png", both);
            dbg.release();
            both.release();
        }
        long tk = System.nanoTime();
        double[][] probs = classifier.probabilities(feats);
        STAGE_NANOS.addAndGet(4, System.nanoTime() - tk);
        int n = seg.row().size();
        int separatorAfter = USE_SEPARATOR ? seg.separatorAfter() : -1;
        boolean hyphen = USE_HYPHEN && seg.hyphenAt(separatorAfter);
        PlateGrammar.Cues cues = new PlateGrammar.Cues(separatorAfter, hyphen, -1, false, -1, false);
        if (USE_SEPARATOR && n >= 6) {
            // the same cues for the row without a junk glyph at its start or end (the grammar may drop one)
            int withoutFirst = seg.separatorAfter(1, n), withoutLast = seg.separatorAfter(0, n - 1);
            cues = new PlateGrammar.Cues(separatorAfter, hyphen, withoutFirst, USE_HYPHEN && withoutFirst > 0 && seg.hyphenAt(withoutFirst + 1),
                    withoutLast, USE_HYPHEN && seg.hyphenAt(withoutLast));
        }
        List<PlateGrammar.Reading> readings = grammar.decode(probs, seg.emblemAfter(), cues);
        PlateBox box = mapBack(w.inverse(), x0, y0, x1, y1);
        return new Segmented(glyphs, aspects, probs, readings, box, seg.quality(), r.method(), seg.emblemAfter(), cues);
    }

    private static PlateBox mapBack(Mat inv, int x0, int y0, int x1, int y1) {
        double[] m = new double[6];
        inv.get(0, 0, m);
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        int[][] pts = {{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}};
        for (int[] p : pts) {
            double x = m[0] * p[0] + m[1] * p[1] + m[2];
            double y = m[3] * p[0] + m[4] * p[1] + m[5];
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int x = (int) Math.max(0, Math.floor(minX));
        int y = (int) Math.max(0, Math.floor(minY));
        return new PlateBox(x, y, Math.max(1, (int) Math.ceil(maxX) - x), Math.max(1, (int) Math.ceil(maxY) - y));
    }

    /** Reads a clean re-typeset line of the glyphs with Tesseract and fuses it position by position. */
    private Segmented withTesseract(Segmented s) {
        if (settings.tesseractWeight() <= 0 || tesseract == null) {
            return s;
        }
        int glyphH = 32, gap = 8, margin = 16;
        int width = margin * 2;
        List<Mat> scaled = new ArrayList<>();
        for (Mat g : s.glyphs()) {
            Mat m = new Mat();
            double f = (double) glyphH / g.rows();
            Imgproc.resize(g, m, new Size(Math.max(1, g.cols() * f), glyphH), 0, 0, Imgproc.INTER_AREA);
            scaled.add(m);
            width += m.cols() + gap;
        }
        Mat line = new Mat(glyphH + 2 * margin, width, CvType.CV_8U, new Scalar(0));
        int x = margin;
        for (Mat m : scaled) {
            m.copyTo(line.submat(new Rect(x, margin, m.cols(), m.rows())));
            x += m.cols() + gap;
            m.release();
        }
        Core.bitwise_not(line, line);
        byte[] px = new byte[line.cols() * line.rows()];
        line.get(0, 0, px);
        TesseractPool.Ocr ocr = tesseract.recognise(px, line.cols(), line.rows());
        line.release();
        String t = ocr.text().toUpperCase().replaceAll("[^A-Z0-9]", "");
        if (t.length() != s.probs().length) {
            return s;
        }
        double wt = settings.tesseractWeight() * Math.max(0.3, Math.min(1.0, ocr.meanConfidence() / 100.0));
        double[][] fused = new double[s.probs().length][];
        for (int i = 0; i < fused.length; i++) {
            fused[i] = new double[Glyphs.ALPHABET.length()];
            int ti = Glyphs.ALPHABET.indexOf(t.charAt(i));
            for (int c = 0; c < fused[i].length; c++) {
                fused[i][c] = (1 - wt) * s.probs()[i][c] + (c == ti ? wt : 0);
            }
        }
        return new Segmented(s.glyphs(), s.aspects(), fused, grammar.decode(fused, s.emblemAfter(), s.cues()),
                s.box(), s.shapeQuality(), s.method() + "+tess", s.emblemAfter(), s.cues());
    }

    /**
     * For training the classifier: the normalised glyphs of the proposed region that overlaps {@code truthBox}
     * and segments into exactly as many glyphs as {@code truth} has characters, labelled with them; empty when
     * no region qualifies (the photo is then simply not used).
     */
    public List<GlyphSamples.Sample> harvest(Mat bgr, PlateBox truthBox, String truth) {
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        Segmented best = null;
        double bestOverlap = 0.3;
        for (PlateRegion r : localiser.propose(bgr, gray)) {
            Segmented s = readRegion(bgr, gray, r);
            if (s == null || s.glyphs().size() != truth.length()) {
                continue;
            }
            double overlap = Math.min(s.box().covers(truthBox), truthBox.covers(s.box()));
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = s;
            }
        }
        gray.release();
        List<GlyphSamples.Sample> out = new ArrayList<>();
        if (best != null) {
            for (int i = 0; i < truth.length(); i++) {
                out.add(new GlyphSamples.Sample(truth.charAt(i), Glyphs.normalise(best.glyphs().get(i)), best.aspects().get(i)));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (tesseract != null) {
            tesseract.close();
        }
    }
}
