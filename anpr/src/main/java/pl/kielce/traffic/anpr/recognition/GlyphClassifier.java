package pl.kielce.traffic.anpr.recognition;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.ml.KNearest;
import org.opencv.ml.Ml;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A k-nearest-neighbour character classifier (OpenCV {@code ml}) on HOG features of segmented glyphs.
 * It is trained when built, from glyphs rendered with the sans-serif fonts installed on this machine
 * (DejaVu Sans, Roboto families), each augmented with stroke width, shear, rotation and low-resolution
 * resampling. No photo labels are used.
 */
public final class GlyphClassifier {
    private static final int K = 9;
    private static final int PCA_COMPONENTS = Integer.getInteger("anpr.pcaComponents", 80);
    private final KNearest knn;
    private final int samples;
    private final Mat pcaMean;
    private final Mat pcaBasis;

    private GlyphClassifier(KNearest knn, int samples, Mat pcaMean, Mat pcaBasis) {
        this.knn = knn;
        this.samples = samples;
        this.pcaMean = pcaMean;
        this.pcaBasis = pcaBasis;
    }

    private Mat project(Mat rows) {
        if (pcaBasis == null) {
            return rows;
        }
        Mat out = new Mat();
        Core.PCAProject(rows, pcaMean, pcaBasis, out);
        return out;
    }

    public int samples() {
        return samples;
    }

    /** Builds the classifier from the fonts found in {@code fontDirs} (TrueType files). */
    public static GlyphClassifier fromFonts(List<File> fontFiles, long seed) {
        return train(fontFiles, List.of(), seed);
    }

    /**
     * Builds the classifier from rendered font glyphs plus labelled real glyphs (each also jittered a little),
     * e.g. those harvested from a training split of labelled photos.
     */
    public static GlyphClassifier train(List<File> fontFiles, List<GlyphSamples.Sample> real, long seed) {
        OpenCv.load();
        List<Font> fonts = new ArrayList<>();
        for (File f : fontFiles) {
            try {
                fonts.add(Font.createFont(Font.TRUETYPE_FONT, f).deriveFont(72f));
            } catch (Exception e) {
                throw new IllegalStateException("cannot load font " + f + ": " + e.getMessage(), e);
            }
        }
        if (fonts.isEmpty()) {
            throw new IllegalStateException("no fonts to render training glyphs from");
        }
        Random rnd = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Font font : fonts) {
            for (int c = 0; c < Glyphs.ALPHABET.length(); c++) {
                Mat base = render(font, Glyphs.ALPHABET.charAt(c));
                for (int v = 0; v < 14; v++) {
                    Mat aug = augment(base, v, rnd);
                    Mat norm = Glyphs.normalise(aug);
                    var bb = Imgproc.boundingRect(aug);
                    rows.add(Glyphs.features(norm, (double) bb.width / Math.max(1, bb.height)));
                    labels.add(c);
                    aug.release();
                    norm.release();
                }
                base.release();
            }
        }
        for (GlyphSamples.Sample s : real) {
            int label = Glyphs.ALPHABET.indexOf(s.label());
            rows.add(Glyphs.features(s.glyph(), s.aspect()));
            labels.add(label);
            for (int v = 0; v < REAL_JITTER; v++) {
                Mat j = jitter(s.glyph(), rnd);
                rows.add(Glyphs.features(j, s.aspect() * (0.95 + 0.1 * rnd.nextDouble())));
                labels.add(label);
                j.release();
            }
        }
        Mat samples = Glyphs.toRowMatrix(rows);
        Mat responses = new Mat(labels.size(), 1, CvType.CV_32F);
        for (int i = 0; i < labels.size(); i++) {
            responses.put(i, 0, labels.get(i));
        }
        Mat mean = null;
        Mat basis = null;
        Mat train = samples;
        if (PCA_COMPONENTS > 0) {
            // HOG vectors are long and redundant: nearest neighbours in a PCA subspace are as good and far faster
            mean = new Mat();
            basis = new Mat();
            Core.PCACompute(samples, mean, basis, PCA_COMPONENTS);
            train = new Mat();
            Core.PCAProject(samples, mean, basis, train);
        }
        KNearest knn = KNearest.create();
        knn.setDefaultK(K);
        knn.train(train, Ml.ROW_SAMPLE, responses);
        return new GlyphClassifier(knn, rows.size(), mean, basis);
    }

    /** The default font set: DejaVu Sans and Roboto upright faces under /usr/share/fonts (or TRAFFIC_FONT_DIR). */
    public static List<File> defaultFonts() {
        String dir = System.getenv().getOrDefault("TRAFFIC_FONT_DIR", "/usr/share/fonts/truetype");
        List<File> out = new ArrayList<>();
        collect(new File(dir), out);
        out.removeIf(f -> {
            String n = f.getName();
            return !(n.startsWith("DejaVuSans") || n.startsWith("Roboto")) || n.contains("Oblique") || n.contains("Italic")
                    || n.contains("Thin") || n.contains("Light") || n.contains("Serif") || n.contains("Mono")
                    || !n.endsWith(".ttf");
        });
        out.sort(null);
        if (out.isEmpty()) {
            throw new IllegalStateException("no DejaVu Sans / Roboto TrueType fonts under " + dir
                    + " (install fonts-dejavu-core and fonts-roboto, or set TRAFFIC_FONT_DIR)");
        }
        return out;
    }

    private static void collect(File dir, List<File> out) {
        File[] files = dir.listFiles();
        if (files == null) {
            return;
        }
        for (File f : files) {
            if (f.isDirectory()) {
                collect(f, out);
            } else {
                out.add(f);
            }
        }
    }

    private static final int REAL_JITTER = 3;

    /** A small random shift/scale/stroke change of a normalised glyph, re-normalised. */
    private static Mat jitter(Mat glyph, Random rnd) {
        Mat big = new Mat();
        Imgproc.resize(glyph, big, new Size(Glyphs.W * 3, Glyphs.H * 3), 0, 0, Imgproc.INTER_LINEAR);
        Imgproc.threshold(big, big, 127, 255, Imgproc.THRESH_BINARY);
        Glyphs.dilateOrErode(big, rnd.nextInt(3) - 1);
        double angle = (rnd.nextDouble() - 0.5) * 6;
        Mat rot = Imgproc.getRotationMatrix2D(new Point(big.cols() / 2.0, big.rows() / 2.0), angle, 0.9 + 0.2 * rnd.nextDouble());
        Mat w = new Mat();
        Imgproc.warpAffine(big, w, rot, big.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0));
        Imgproc.threshold(w, w, 127, 255, Imgproc.THRESH_BINARY);
        Mat out = Glyphs.normalise(w);
        big.release();
        w.release();
        rot.release();
        return out;
    }

    private static Mat render(Font font, char ch) {
        int size = 120;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, size, size);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        g.setColor(Color.WHITE);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(String.valueOf(ch), (size - fm.charWidth(ch)) / 2, (size + fm.getAscent() - fm.getDescent()) / 2);
        g.dispose();
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(size, size, CvType.CV_8U);
        m.put(0, 0, px);
        Imgproc.threshold(m, m, 127, 255, Imgproc.THRESH_BINARY);
        return m;
    }

    /** Variant 0 is the clean glyph; the others combine stroke, shear, rotation, stretch and low resolution. */
    private static Mat augment(Mat base, int variant, Random rnd) {
        Mat m = base.clone();
        if (variant == 0) {
            return m;
        }
        int stroke = variant >= 10 ? rnd.nextInt(3) : rnd.nextInt(5) - 2; // px at ~75 px glyph height
        Glyphs.dilateOrErode(m, stroke);
        double shear = (rnd.nextDouble() - 0.5) * 0.3;
        double angle = (rnd.nextDouble() - 0.5) * 8;
        double stretch = variant >= 10 ? 0.45 + rnd.nextDouble() * 0.25 : 0.6 + rnd.nextDouble() * 0.6;
        Point c = new Point(m.cols() / 2.0, m.rows() / 2.0);
        Mat rot = Imgproc.getRotationMatrix2D(c, angle, 1.0);
        double a = rot.get(0, 0)[0], b = rot.get(0, 1)[0], tx = rot.get(0, 2)[0];
        double d = rot.get(1, 0)[0], e = rot.get(1, 1)[0], ty = rot.get(1, 2)[0];
        // compose: stretch x, shear x, then rotate
        double a2 = a * stretch, b2 = a * shear + b, d2 = d * stretch, e2 = d * shear + e;
        double cx = c.x, cy = c.y;
        double tx2 = tx + a * (cx - stretch * cx - shear * cy);
        double ty2 = ty + d * (cx - stretch * cx - shear * cy);
        Mat aff = new Mat(2, 3, CvType.CV_64F);
        aff.put(0, 0, a2, b2, tx2, d2, e2, ty2);
        Mat warped = new Mat();
        Imgproc.warpAffine(m, warped, aff, m.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0));
        m.release();
        if (rnd.nextBoolean()) {
            // low resolution: shrink to a small glyph height, blur, grow back, re-threshold
            double target = 12 + rnd.nextInt(18);
            double f = target / 75.0;
            Mat small = new Mat();
            Imgproc.resize(warped, small, new Size(), f, f, Imgproc.INTER_AREA);
            Imgproc.GaussianBlur(small, small, new Size(3, 3), 0.6);
            Imgproc.resize(small, warped, warped.size(), 0, 0, Imgproc.INTER_LINEAR);
            small.release();
        }
        Imgproc.threshold(warped, warped, 100 + rnd.nextInt(60), 255, Imgproc.THRESH_BINARY);
        return warped;
    }

    /**
     * Class probabilities (index into {@link Glyphs#ALPHABET}) for each glyph row of {@code features},
     * from distance-weighted votes of the nearest training glyphs.
     */
    double[][] probabilities(List<float[]> features) {
        if (features.isEmpty()) {
            return new double[0][];
        }
        Mat raw = Glyphs.toRowMatrix(features);
        Mat q = project(raw);
        if (q != raw) {
            raw.release();
        }
        Mat results = new Mat();
        Mat neighbours = new Mat();
        Mat dists = new Mat();
        knn.findNearest(q, K, results, neighbours, dists);
        int n = features.size();
        float[] nb = new float[n * K];
        float[] ds = new float[n * K];
        neighbours.get(0, 0, nb);
        dists.get(0, 0, ds);
        double[][] out = new double[n][Glyphs.ALPHABET.length()];
        for (int i = 0; i < n; i++) {
            double d0 = Math.max(1e-6, ds[i * K]);
            double sum = 0;
            for (int j = 0; j < K; j++) {
                double w = Math.exp(-(ds[i * K + j] - d0) / (0.25 * d0 + 1e-6));
                out[i][(int) nb[i * K + j]] += w;
                sum += w;
            }
            double floor = 0.002;
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] = (1 - floor * out[i].length) * out[i][c] / sum + floor;
            }
        }
        q.release();
        results.release();
        neighbours.release();
        dists.release();
        return out;
    }

    static String describe(double[] p) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(p[y], p[x]));
        return Glyphs.ALPHABET.charAt(idx[0]) + String.format("%.2f", p[idx[0]]) + "/" + Glyphs.ALPHABET.charAt(idx[1])
                + String.format("%.2f", p[idx[1]]);
    }
}
