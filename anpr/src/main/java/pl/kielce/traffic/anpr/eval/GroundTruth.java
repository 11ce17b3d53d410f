package pl.kielce.traffic.anpr.eval;

import pl.kielce.traffic.anpr.recognition.PlateBox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads labelled plate photos in either format of the shared data:
 * <ul>
 *   <li>{@code ground_truth.tsv} with a header {@code file width height xtl ytl xbr ybr plate};</li>
 *   <li>one {@code NAME.txt} per photo: {@code file x y w h plate} (OpenALPR benchmark style).</li>
 * </ul>
 */
public final class GroundTruth {
    private GroundTruth() {
    }

    public static String normalise(String plate) {
        return plate == null ? "" : plate.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    public static List<LabelledImage> load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir);
        }
        Path tsv = dir.resolve("ground_truth.tsv");
        List<LabelledImage> out = new ArrayList<>();
        if (Files.exists(tsv)) {
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 8) {
                    throw new IOException(tsv + " line " + (i + 1) + ": expected 8 tab-separated fields, found " + f.length);
                }
                double xtl = Double.parseDouble(f[3]), ytl = Double.parseDouble(f[4]);
                double xbr = Double.parseDouble(f[5]), ybr = Double.parseDouble(f[6]);
                PlateBox box = new PlateBox((int) Math.round(xtl), (int) Math.round(ytl),
                        (int) Math.max(1, Math.round(xbr - xtl)), (int) Math.max(1, Math.round(ybr - ytl)));
                out.add(new LabelledImage(dir.resolve(f[0]), f[7], box));
            }
        } else {
            List<Path> txts;
            try (Stream<Path> s = Files.list(dir)) {
                txts = s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
            }
            for (Path t : txts) {
                String line = Files.readString(t, StandardCharsets.UTF_8).trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\\s+");
                if (f.length < 6) {
                    throw new IOException(t + ": expected 'file x y w h plate', found " + f.length + " fields");
                }
                PlateBox box = new PlateBox(Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        Math.max(1, Integer.parseInt(f[3])), Math.max(1, Integer.parseInt(f[4])));
                out.add(new LabelledImage(dir.resolve(f[0]), f[5], box));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no ground truth in " + dir + " (neither ground_truth.tsv nor NAME.txt files)");
        }
        out.sort((a, b) -> a.path().getFileName().toString().compareTo(b.path().getFileName().toString()));
        return out;
    }

    /** Levenshtein distance. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
