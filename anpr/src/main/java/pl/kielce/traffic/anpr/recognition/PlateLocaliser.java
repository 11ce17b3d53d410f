package pl.kielce.traffic.anpr.recognition;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Proposes candidate plate regions with three independent methods:
 * <ol>
 *   <li>rows of dark character-like blobs on an adaptive threshold (the strongest cue),</li>
 *   <li>dense vertical edges closed into plate-shaped rectangles (Sobel-x + morphology + contour geometry),</li>
 *   <li>the blue EU band at the plate's left end (HSV colour), extended to a plate's aspect.</li>
 * </ol>
 * Near-duplicates are merged; the recogniser decides between the survivors by reading them.
 */
final class PlateLocaliser {
    private static final int[] ROW_BLOCKS = java.util.Arrays.stream(System.getProperty("anpr.rowBlocks", "15,41").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final boolean EDGES = !"false".equals(System.getProperty("anpr.edges"));
    private final int maxRegions;

    PlateLocaliser(int maxRegions) {
        this.maxRegions = maxRegions;
    }

    List<PlateRegion> propose(Mat bgr, Mat gray) {
        List<PlateRegion> all = new ArrayList<>();
        all.addAll(byCharacterRows(gray));
        // the edge and colour cues look for whole plates (>= 60 px wide): half resolution is enough on big photos
        boolean halve = gray.cols() > 1200;
        Mat g = gray;
        Mat c = bgr;
        if (halve) {
            g = new Mat();
            c = new Mat();
            Imgproc.pyrDown(gray, g);
            Imgproc.pyrDown(bgr, c);
        }
        List<PlateRegion> coarse = new ArrayList<>();
        if (EDGES) {
            coarse.addAll(byEdges(g));
        }
        coarse.addAll(byBlueBand(c));
        if (halve) {
            g.release();
            c.release();
            for (PlateRegion r : coarse) {
                all.add(new PlateRegion(2 * r.cx(), 2 * r.cy(), 2 * r.width(), 2 * r.height(), r.angleDegrees(),
                        2 * r.charHeight(), r.method(), r.prior()));
            }
        } else {
            all.addAll(coarse);
        }
        all.sort(Comparator.comparingDouble(PlateRegion::prior).reversed());
        List<PlateRegion> kept = new ArrayList<>();
        int w = gray.cols(), h = gray.rows();
        for (PlateRegion r : all) {
            PlateBox b = r.box(w, h);
            boolean dup = false;
            for (PlateRegion k : kept) {
                if (k.box(w, h).iou(b) > 0.5) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                kept.add(r);
                if (kept.size() >= maxRegions) {
                    break;
                }
            }
        }
        return kept;
    }

    private List<PlateRegion> byCharacterRows(Mat gray) {
        List<PlateRegion> out = new ArrayList<>();
        Mat half = null;
        for (int block : ROW_BLOCKS) {
            // large blocks look for large characters: on a big photo that works as well at half resolution
            boolean halve = block > 25 && gray.cols() > 1200 && Boolean.getBoolean("anpr.halfResLargeBlocks");
            Mat src = gray;
            double f = 1;
            if (halve) {
                if (half == null) {
                    half = new Mat();
                    Imgproc.pyrDown(gray, half);
                }
                src = half;
                f = 2;
                block = (block / 2) | 1;
            }
            int maxCharHeight = Math.max(20, src.rows() / 6);
            Mat bin = new Mat();
            Imgproc.adaptiveThreshold(src, bin, 255, Imgproc.ADAPTIVE_THRESH_MEAN_C, Imgproc.THRESH_BINARY_INV, block, 9);
            List<Blob> blobs = CharacterRows.blobs(bin, null, halve ? 8 : 9, maxCharHeight);
            bin.release();
            for (List<Blob> row : CharacterRows.rows(blobs, 4, 1.3)) {
                if (row.size() > 12) {
                    continue;
                }
                double ch = CharacterRows.medianHeight(row);
                int x0 = row.get(0).x(), x1 = row.get(row.size() - 1).right();
                int y0 = Integer.MAX_VALUE, y1 = 0;
                for (Blob b : row) {
                    y0 = Math.min(y0, b.y());
                    y1 = Math.max(y1, b.bottom());
                }
                double span = x1 - x0;
                if (span < 1.8 * ch || span > 9 * ch) {
                    continue;
                }
                double angle = Math.toDegrees(Math.atan2(row.get(row.size() - 1).cy() - row.get(0).cy(),
                        row.get(row.size() - 1).cx() - row.get(0).cx()));
                double countScore = 1.0 - Math.min(1.0, Math.abs(row.size() - 7) / 5.0);
                double prior = 2.0 + countScore + uniformity(row);
                out.add(new PlateRegion(f * (x0 + x1) / 2.0, f * (y0 + y1) / 2.0, f * (span + 1.6 * ch), f * ((y1 - y0) + 0.7 * ch),
                        angle, f * ch, "rows" + block, prior));
            }
        }
        if (half != null) {
            half.release();
        }
        return out;
    }

    private static double uniformity(List<Blob> row) {
        double mean = row.stream().mapToDouble(Blob::h).average().orElse(1);
        double var = row.stream().mapToDouble(b -> (b.h() - mean) * (b.h() - mean)).average().orElse(0);
        return Math.max(0, 1.0 - Math.sqrt(var) / mean * 5);
    }

    private List<PlateRegion> byEdges(Mat gray) {
        List<PlateRegion> out = new ArrayList<>();
        Mat gx = new Mat();
        Imgproc.Sobel(gray, gx, CvType.CV_16S, 1, 0, 3);
        Mat abs = new Mat();
        Core.convertScaleAbs(gx, abs);
        gx.release();
        Imgproc.GaussianBlur(abs, abs, new Size(5, 5), 0);
        Mat bin = new Mat();
        Imgproc.threshold(abs, bin, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
        abs.release();
        int kw = Math.max(9, gray.cols() / 90);
        Mat close = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(kw, 3));
        Imgproc.morphologyEx(bin, bin, Imgproc.MORPH_CLOSE, close);
        Mat open = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 5));
        Imgproc.morphologyEx(bin, bin, Imgproc.MORPH_OPEN, open);
        List<MatOfPoint> contours = new ArrayList<>();
        Imgproc.findContours(bin, contours, new Mat(), Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
        bin.release();
        for (MatOfPoint c : contours) {
            Rect br = Imgproc.boundingRect(c);
            if (br.height < 8 || br.width < 30 || br.height > gray.rows() / 4) {
                c.release();
                continue;
            }
            RotatedRect rr = Imgproc.minAreaRect(new MatOfPoint2f(c.toArray()));
            c.release();
            double w = Math.max(rr.size.width, rr.size.height);
            double h = Math.min(rr.size.width, rr.size.height);
            double angle = rr.size.width >= rr.size.height ? rr.angle : rr.angle - 90;
            if (angle > 45) {
                angle -= 90;
            } else if (angle < -45) {
                angle += 90;
            }
            double aspect = w / h;
            if (aspect < 2.0 || aspect > 7.5 || h < 8 || Math.abs(angle) > 25) {
                continue;
            }
            double prior = 1.0 + Math.max(0, 1 - Math.abs(aspect - 4.2) / 3);
            out.add(new PlateRegion(rr.center.x, rr.center.y, w * 1.1, h * 1.3, angle, 0.7 * h, "edges", prior));
        }
        return out;
    }

    private List<PlateRegion> byBlueBand(Mat bgr) {
        List<PlateRegion> out = new ArrayList<>();
        Mat hsv = new Mat();
        Imgproc.cvtColor(bgr, hsv, Imgproc.COLOR_BGR2HSV);
        Mat mask = new Mat();
        Core.inRange(hsv, new Scalar(100, 110, 50), new Scalar(128, 255, 255), mask);
        hsv.release();
        List<MatOfPoint> contours = new ArrayList<>();
        Imgproc.findContours(mask, contours, new Mat(), Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
        mask.release();
        for (MatOfPoint c : contours) {
            Rect br = Imgproc.boundingRect(c);
            double area = Imgproc.contourArea(c);
            c.release();
            double ratio = (double) br.height / br.width;
            if (br.height < 9 || br.height > bgr.rows() / 5 || ratio < 1.3 || ratio > 4.5
                    || area < 0.5 * br.width * br.height) {
                continue;
            }
            double plateW = br.height * 4.6;
            out.add(new PlateRegion(br.x + plateW / 2, br.y + br.height / 2.0, plateW * 1.05, br.height * 1.2, 0,
                    0.7 * br.height, "band", 1.5));
        }
        return out;
    }
}
