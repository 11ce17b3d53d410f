package pl.kielce.traffic.anpr.recognition;

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

    static double medianHeight(List<Blob> row) {
        double[] hs = row.stream().mapToDouble(Blob::h).sorted().toArray();
        return hs[hs.length / 2];
    }
}
