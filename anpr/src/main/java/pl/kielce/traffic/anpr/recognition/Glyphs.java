package pl.kielce.traffic.anpr.recognition;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.HOGDescriptor;

/** Normalises a binary glyph to a fixed canvas and computes its HOG feature vector. */
final class Glyphs {
    static final int W = 20;
    static final int H = 32;
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static final ThreadLocal<HOGDescriptor> HOG = ThreadLocal.withInitial(
            () -> new HOGDescriptor(new Size(W, H), new Size(8, 8), new Size(4, 4), new Size(4, 4), 9));

    private Glyphs() {
    }

    /**
     * Tight-crops the ink (255) of a binary glyph, scales it keeping its aspect into a W x H canvas with a
     * one-pixel margin, centred. Returns an 8-bit image (ink bright).
     */
    static Mat normalise(Mat binaryGlyph) {
        Rect bb = Imgproc.boundingRect(binaryGlyph);
        Mat out = Mat.zeros(H, W, CvType.CV_8U);
        if (bb.width == 0 || bb.height == 0) {
            return out;
        }
        Mat ink = binaryGlyph.submat(bb);
        double scale = Math.min((W - 2.0) / bb.width, (H - 2.0) / bb.height);
        int w = Math.max(1, (int) Math.round(bb.width * scale));
        int h = Math.max(1, (int) Math.round(bb.height * scale));
        Mat resized = new Mat();
        Imgproc.resize(ink, resized, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        resized.copyTo(out.submat(new Rect((W - w) / 2, (H - h) / 2, w, h)));
        resized.release();
        return out;
    }

    /** HOG features (1 x D, CV_32F) plus the glyph's aspect ratio as an extra feature. */
    static float[] features(Mat normalised, double aspect) {
        MatOfFloat d = new MatOfFloat();
        HOG.get().compute(normalised, d);
        float[] hog = d.toArray();
        d.release();
        float[] f = new float[hog.length + 1];
        System.arraycopy(hog, 0, f, 0, hog.length);
        f[hog.length] = (float) Math.min(1.5, aspect) * 2f;
        return f;
    }

    static Mat toRowMatrix(java.util.List<float[]> rows) {
        Mat m = new Mat(rows.size(), rows.get(0).length, CvType.CV_32F);
        for (int i = 0; i < rows.size(); i++) {
            m.put(i, 0, rows.get(i));
        }
        return m;
    }

    static void dilateOrErode(Mat bin, int amount) {
        if (amount == 0) {
            return;
        }
        Mat k = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * Math.abs(amount) + 1, 2 * Math.abs(amount) + 1));
        if (amount > 0) {
            Imgproc.dilate(bin, bin, k);
        } else {
            Imgproc.erode(bin, bin, k);
        }
        Core.bitwise_and(bin, bin, bin);
    }
}
