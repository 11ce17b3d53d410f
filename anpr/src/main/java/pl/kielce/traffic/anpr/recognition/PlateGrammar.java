package pl.kielce.traffic.anpr.recognition;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Polish plate grammar as a prior over per-position character probabilities: a district code from the data
 * file followed by one of the statutory vehicle-part layouts (L = letter without B, D, I, O, Z; D = digit).
 * Look-alike characters (0/O/D, 1/I, 2/Z, 5/S, 6/G, 7/T, 8/B, 4/A) can stand in for each other at a
 * discount, which is how "5K" becomes "SK" and "SB3O2" becomes "SB302". A reading outside the grammar
 * (a foreign or individual plate) stays possible, but must beat the grammar by a margin.
 */
public final class PlateGrammar {
    static final double LOOKALIKE_WEIGHT = 0.5;
    static final double FREE_PENALTY = -2.0;
    private static final String FORBIDDEN_VEHICLE_LETTERS = "BDIOZ";
    private static final List<String> TWO_LETTER_LAYOUTS = List.of("DDDDD", "DDDDL", "DDDLL", "DLDDD", "DLLDD");
    private static final List<String> THREE_LETTER_LAYOUTS =
            List.of("LDDD", "DDLL", "DLDD", "DDLD", "DLLD", "LLDD", "DDDDD", "DDDDL", "DDDLL");
    private static final Map<Character, String> LOOKALIKES = Map.ofEntries(
            Map.entry('0', "ODQU"), Map.entry('O', "0DQ"), Map.entry('D', "0O"), Map.entry('Q', "0O"), Map.entry('U', "0"),
            Map.entry('1', "IJLT"), Map.entry('I', "1L"), Map.entry('J', "1"), Map.entry('L', "1"),
            Map.entry('2', "Z"), Map.entry('Z', "27"), Map.entry('5', "S"), Map.entry('S', "5"),
            Map.entry('6', "G"), Map.entry('G', "6"), Map.entry('7', "TZ"), Map.entry('T', "71"),
            Map.entry('8', "B"), Map.entry('B', "8"), Map.entry('4', "A"), Map.entry('A', "4"),
            Map.entry('H', "W"), Map.entry('W', "H"));

    private final Set<String> districts;

    public PlateGrammar(Set<String> districts) {
        for (String d : districts) {
            if (!d.matches("[A-Z]{2,3}")) {
                throw new IllegalArgumentException("district code must be 2-3 letters, was '" + d + "'");
            }
        }
        this.districts = Set.copyOf(districts);
    }

    /** Reads {@code code<TAB>...} lines ('#' comments) such as cities/kielce/plate-districts.tsv. */
    public static PlateGrammar fromTsv(InputStream in) throws IOException {
        Set<String> codes = new TreeSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String code = line.split("\t", 2)[0].trim();
                if (!code.matches("[A-Z]{2,3}")) {
                    throw new IOException("line " + n + ": district code must be 2-3 upper-case letters, was '" + code + "'");
                }
                codes.add(code);
            }
        }
        return new PlateGrammar(codes);
    }

    public static PlateGrammar polishDefault() {
        try (InputStream in = PlateGrammar.class.getResourceAsStream("/pl/kielce/traffic/anpr/plate-districts.tsv")) {
            if (in == null) {
                throw new IllegalStateException("plate-districts.tsv is missing from the classpath");
            }
            return fromTsv(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read plate-districts.tsv: " + e.getMessage(), e);
        }
    }

    public int districtCount() {
        return districts.size();
    }

    /** A decoded text with its summed log-probability and the layout that produced it. */
    public record Reading(String text, double logScore, String layout) {
    }

    /** Readings of the per-position probabilities (rows indexed by {@link Glyphs#ALPHABET}), best first. */
    public List<Reading> decode(double[][] p) {
        int n = p.length;
        Map<String, Reading> best = new LinkedHashMap<>();
        // free reading: the classifier's own best characters
        StringBuilder free = new StringBuilder();
        double freeScore = FREE_PENALTY;
        for (double[] row : p) {
            int arg = argmax(row);
            free.append(Glyphs.ALPHABET.charAt(arg));
            freeScore += Math.log(row[arg]);
        }
        put(best, new Reading(free.toString(), freeScore, "free"));
        for (String d : districts) {
            int k = d.length();
            if (k >= n) {
                continue;
            }
            double ds = 0;
            for (int i = 0; i < k; i++) {
                ds += Math.log(prob(p[i], d.charAt(i)));
            }
            if (ds < -12) {
                continue;
            }
            List<String> layouts = k == 2 ? TWO_LETTER_LAYOUTS : THREE_LETTER_LAYOUTS;
            for (String layout : layouts) {
                if (k + layout.length() != n) {
                    continue;
                }
                StringBuilder sb = new StringBuilder(d);
                double s = ds;
                for (int i = 0; i < layout.length(); i++) {
                    double[] row = p[k + i];
                    char bestC = '?';
                    double bestP = -1;
                    boolean letter = layout.charAt(i) == 'L';
                    for (int c = 0; c < Glyphs.ALPHABET.length(); c++) {
                        char ch = Glyphs.ALPHABET.charAt(c);
                        boolean isLetter = ch >= 'A';
                        if (isLetter != letter || (letter && FORBIDDEN_VEHICLE_LETTERS.indexOf(ch) >= 0)) {
                            continue;
                        }
                        double q = prob(row, ch);
                        if (q > bestP) {
                            bestP = q;
                            bestC = ch;
                        }
                    }
                    sb.append(bestC);
                    s += Math.log(bestP);
                }
                put(best, new Reading(sb.toString(), s, d + "+" + layout));
            }
        }
        List<Reading> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(Reading::logScore).reversed());
        return out;
    }

    private static void put(Map<String, Reading> best, Reading r) {
        Reading old = best.get(r.text());
        if (old == null || old.logScore() < r.logScore()) {
            best.put(r.text(), r);
        }
    }

    /** Probability of {@code ch}, or a discounted look-alike's when that is higher. */
    static double prob(double[] row, char ch) {
        double q = row[Glyphs.ALPHABET.indexOf(ch)];
        String alikes = LOOKALIKES.get(ch);
        if (alikes != null) {
            for (int i = 0; i < alikes.length(); i++) {
                q = Math.max(q, LOOKALIKE_WEIGHT * row[Glyphs.ALPHABET.indexOf(alikes.charAt(i))]);
            }
        }
        return q;
    }

    static int argmax(double[] row) {
        int arg = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[arg]) {
                arg = i;
            }
        }
        return arg;
    }
}
