package pl.kielce.traffic.anpr.recognition;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds rows of character-like blobs in a binary image (foreground = ink): components of similar
 * height, aligned vertically, with gaps no wider than about one character height. Used both to
 * localise plates in the whole photo and to segment characters inside a plate crop.
 */
final class CharacterRows {
    private CharacterRows() {
    }

    /** Connected components with stats; labels written to {@code labelsOut} when it is not null. */
    static List<Blob> blobs(Mat binary, Mat labelsOut, int minHeight, int maxHeight) {
        return blobs(binary, labelsOut, minHeight, maxHeight, 1.15);
    }

    static List<Blob> blobs(Mat binary, Mat labelsOut, int minHeight, int maxHeight, double maxAspect) {
        Mat labels = labelsOut != null ? labelsOut : new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int n = Imgproc.connectedComponentsWithStats(binary, labels, stats, centroids, 8, CvType.CV_32S);
        int[] s = new int[n * 5];
        stats.get(0, 0, s);
        List<Blob> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int x = s[i * 5], y = s[i * 5 + 1], w = s[i * 5 + 2], h = s[i * 5 + 3], a = s[i * 5 + 4];
            if (h < minHeight || h > maxHeight) {
                continue;
            }
            double aspect = (double) w / h;
            double fill = (double) a / ((double) w * h);
            if (aspect < 0.08 || aspect > maxAspect || fill < 0.12 || fill > 0.97) {
                continue;
            }
            out.add(new Blob(x, y, w, h, a, i));
        }
        stats.release();
        centroids.release();
        if (labelsOut == null) {
            labels.release();
        }
        return out;
    }

    /** Rows of at least {@code minCount} compatible blobs, each sorted left to right. */
    static List<List<Blob>> rows(List<Blob> blobs, int minCount, double maxGapInHeights) {
        List<Blob> sorted = new ArrayList<>(blobs);
        sorted.sort(Comparator.comparingInt(Blob::x));
        int n = sorted.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            Blob a = sorted.get(i);
            double reach = a.right() + maxGapInHeights * a.h();
            for (int j = i + 1; j < n; j++) {
                Blob b = sorted.get(j);
                if (b.x() > reach) {
                    break;
                }
                if (compatible(a, b)) {
                    union(parent, i, j);
                }
            }
        }
        Map<Integer, List<Blob>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(sorted.get(i));
        }
        List<List<Blob>> out = new ArrayList<>();
        for (List<Blob> g : groups.values()) {
            if (g.size() >= minCount) {
                g.sort(Comparator.comparingInt(Blob::x));
                out.add(g);
            }
        }
        return out;
    }

    static boolean compatible(Blob a, Blob b) {
        double hMax = Math.max(a.h(), b.h());
        double hMin = Math.min(a.h(), b.h());
        if (hMax / hMin > 1.3) {
            return false;
        }
        if (Math.abs(a.cy() - b.cy()) > 0.3 * hMax) {
            return false;
        }
        // a blob nested in another (holes, noise) is not a neighbour
        return b.x() >= a.x() + 0.5 * a.w();
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a), rb = find(p, b);
        if (ra != rb) {
            p[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /**
     * Wide blobs in line with {@code row} (touching characters) split into character-wide pieces at the
     * columns with the least ink; the pieces keep the blob's label so their masks come from the same component.
     */
    static List<Blob> withSplitWideBlobs(List<Blob> row, List<Blob> wide, Mat labels) {
        double h = medianHeight(row);
        double cy = row.stream().mapToDouble(Blob::cy).average().orElse(0);
        double meanW = row.stream().mapToDouble(Blob::w).sorted().skip(row.size() / 4).limit(Math.max(1, row.size() / 2))
                .average().orElse(0.55 * h);
        int left = row.get(0).x(), right = row.get(row.size() - 1).right();
        List<Blob> out = new ArrayList<>(row);
        for (Blob b : wide) {
            if (Math.max(b.h(), h) / Math.min(b.h(), h) > 1.3 || Math.abs(b.cy() - cy) > 0.3 * h
                    || b.right() < left - 1.5 * h || b.x() > right + 1.5 * h) {
                continue;
            }
            boolean overlaps = false;
            for (Blob r : row) {
                if (r.x() < b.right() && b.x() < r.right()) {
                    overlaps = true;
                    break;
                }
            }
            if (overlaps) {
                continue;
            }
            int k = (int) Math.round(b.w() / Math.max(1.0, meanW + 0.12 * h));
            if (k < 2 || k > 4) {
                continue;
            }
            // ink per column of this component
            Mat sub = labels.submat(b.y(), b.bottom(), b.x(), b.right());
            int[] lab = new int[b.w() * b.h()];
            Mat sub32 = new Mat();
            sub.copyTo(sub32);
            sub32.get(0, 0, lab);
            sub32.release();
            int[] col = new int[b.w()];
            for (int yy = 0; yy < b.h(); yy++) {
                for (int xx = 0; xx < b.w(); xx++) {
                    if (lab[yy * b.w() + xx] == b.label()) {
                        col[xx]++;
                    }
                }
            }
            int start = 0;
            for (int cut = 1; cut < k; cut++) {
                int expected = b.w() * cut / k;
                int lo = Math.max(start + 2, expected - b.w() / (3 * k)), hi = Math.min(b.w() - 2, expected + b.w() / (3 * k));
                int best = expected;
                for (int xx = lo; xx <= hi; xx++) {
                    if (col[xx] < col[best]) {
                        best = xx;
                    }
                }
                out.add(new Blob(b.x() + start, b.y(), best - start, b.h(), 0, b.label()));
                start = best;
            }
            out.add(new Blob(b.x() + start, b.y(), b.w() - start, b.h(), 0, b.label()));
        }
        out.sort(Comparator.comparingInt(Blob::x));
        return out;
    }

    /**
     * Characters that touch the plate frame (or a bolt) join a large component and drop out of the row, leaving a
     * gap wider than a character. Each such gap (and, when the row is short, a character's width beyond either
     * end) is re-segmented inside the row's band only: the binary is clipped to the band's rows, long horizontal
     * runs (frame lines) are erased, and the components as high as the row's characters become new blobs (wide
     * ones split at ink minima). New components get fresh labels in {@code labels}; nothing else changes.
     */
    static List<Blob> withGapsFilled(List<Blob> row, Mat binary, Mat labels) {
        if (row.size() < 3) {
            return row;
        }
        int[] tops = row.stream().mapToInt(Blob::y).sorted().toArray();
        int[] bottoms = row.stream().mapToInt(Blob::bottom).sorted().toArray();
        int top = tops[tops.length / 2], bottom = bottoms[bottoms.length / 2];
        int h = bottom - top;
        if (h < 8) {
            return row;
        }
        int[] widths = row.stream().mapToInt(Blob::w).sorted().toArray();
        double charW = widths[(widths.length * 3) / 4];
        double[] steps = new double[row.size() - 1];
        for (int i = 1; i < row.size(); i++) {
            steps[i - 1] = row.get(i).cx() - row.get(i - 1).cx();
        }
        java.util.Arrays.sort(steps);
        double pitch = steps[steps.length / 2];
        List<int[]> spans = new ArrayList<>();
        for (int i = 1; i < row.size(); i++) {
            int a = row.get(i - 1).right(), b = row.get(i).x();
            if (b - a >= 0.6 * charW) {
                spans.add(new int[]{a + 1, b - 1});
            }
        }
        if (row.size() < 7) {
            int first = row.get(0).x(), last = row.get(row.size() - 1).right();
            spans.add(new int[]{(int) Math.max(0, first - 1.6 * pitch), first - 1});
            spans.add(new int[]{last + 1, (int) Math.min(binary.cols(), last + 1.6 * pitch)});
        }
        List<Blob> out = new ArrayList<>(row);
        int nextLabel = -1;
        for (int[] sp : spans) {
            int x0 = Math.max(0, sp[0]), x1 = Math.min(binary.cols(), sp[1]);
            if (x1 - x0 < 0.3 * charW || top < 0 || bottom > binary.rows()) {
                continue;
            }
            Mat band = new Mat();
            binary.submat(top, bottom, x0, x1).copyTo(band);
            eraseLongRuns(band, (int) Math.ceil(1.2 * charW));
            Mat sub = new Mat();
            Mat stats = new Mat();
            Mat cents = new Mat();
            int n = Imgproc.connectedComponentsWithStats(band, sub, stats, cents, 8, CvType.CV_32S);
            int[] st = new int[n * 5];
            stats.get(0, 0, st);

            int[] lab = null;
            for (int c = 1; c < n; c++) {
                int bx = st[c * 5], by = st[c * 5 + 1], bw = st[c * 5 + 2], bh = st[c * 5 + 3], area = st[c * 5 + 4];
                double fill = (double) area / ((double) bw * bh);
                if (bh < 0.75 * h || bw < 0.12 * h || fill < 0.12 || fill > 0.9) {
                    continue;
                }
                // a clipped frame edge or bolt sits on the span's border; a character keeps clear of it
                if (sp[0] <= row.get(0).x() && bx == 0 && x0 < row.get(0).x() - charW) {
                    continue;
                }
                if (bx + bw >= x1 - x0 && x1 >= row.get(row.size() - 1).right() + charW) {
                    continue;
                }
                int k = Math.max(1, (int) Math.round(bw / Math.max(1.0, pitch)));
                if (bw > 1.15 * bh && k < 2 || k > 3) {
                    continue;
                }
                if (lab == null) {
                    lab = new int[band.rows() * band.cols()];
                    sub.get(0, 0, lab);
                    if (nextLabel < 0) {
                        nextLabel = (int) Core.minMaxLoc(labels).maxVal + 1;
                    }
                }
                int newLabel = nextLabel++;
                int[] col = new int[bw];
                Mat dst = labels.submat(top, bottom, x0, x1);
                int[] dl = new int[dst.rows() * dst.cols()];
                dst.get(0, 0, dl);
                for (int yy = 0; yy < band.rows(); yy++) {
                    for (int xx = 0; xx < band.cols(); xx++) {
                        if (lab[yy * band.cols() + xx] == c) {
                            dl[yy * band.cols() + xx] = newLabel;
                            if (xx >= bx && xx < bx + bw) {
                                col[xx - bx]++;
                            }
                        }
                    }
                }
                dst.put(0, 0, dl);
                int start = 0;
                for (int cut = 1; cut < k; cut++) {
                    int expected = bw * cut / k;
                    int lo = Math.max(start + 2, expected - bw / (3 * k)), hi = Math.min(bw - 2, expected + bw / (3 * k));
                    int best = expected;
                    for (int xx = lo; xx <= hi; xx++) {
                        if (col[xx] < col[best]) {
                            best = xx;
                        }
                    }
                    out.add(new Blob(x0 + bx + start, top + by, best - start, bh, 0, newLabel));
                    start = best;
                }
                out.add(new Blob(x0 + bx + start, top + by, bw - start, bh, 0, newLabel));
            }
            band.release();
            sub.release();
            stats.release();
            cents.release();
        }
        out.sort(Comparator.comparingInt(Blob::x));
        return out;
    }

    /** Clears horizontal ink runs of at least {@code minRun} pixels (frame lines) in a binary image. */
    static void eraseLongRuns(Mat bin, int minRun) {
        byte[] px = new byte[bin.rows() * bin.cols()];
        bin.get(0, 0, px);
        int w = bin.cols();
        for (int y = 0; y < bin.rows(); y++) {
            int run = 0;
            for (int x = 0; x <= w; x++) {
                boolean ink = x < w && px[y * w + x] != 0;
                if (ink) {
                    run++;
                } else {
                    if (run >= minRun) {
                        for (int k = x - run; k < x; k++) {
                            px[y * w + k] = 0;
                        }
                    }
                    run = 0;
                }
            }
        }
        bin.put(0, 0, px);
    }

    static double medianHeight(List<Blob> row) {
        double[] hs = row.stream().mapToDouble(Blob::h).sorted().toArray();
        return hs[hs.length / 2];
    }
}
