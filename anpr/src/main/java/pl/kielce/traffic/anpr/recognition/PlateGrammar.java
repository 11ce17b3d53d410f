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
    static final double LOOKALIKE_WEIGHT = Double.parseDouble(System.getProperty("anpr.lookalikeWeight", "0.4"));
    static final double FREE_PENALTY = -3.0;
    private static final String FORBIDDEN_VEHICLE_LETTERS = "BDIOZQ";
    private static final List<String> TWO_LETTER_LAYOUTS = List.of("DDDDD", "DDDDL", "DDDLL", "DLDDD", "DLLDD");
    private static final List<String> THREE_LETTER_LAYOUTS =
            List.of("LDDD", "DDLL", "DLDD", "DDLD", "DLLD", "LLDD", "DDDDD", "DDDDL", "DDDLL");
    private static final Map<Character, String> LOOKALIKES = Map.ofEntries(
            Map.entry('0', "ODQ"), Map.entry('O', "0DQ"), Map.entry('D', "O0"), Map.entry('Q', "O0"),             Map.entry('1', "IJLT"), Map.entry('I', "1L"), Map.entry('J', "1"), Map.entry('L', "1"),
            Map.entry('2', "Z"), Map.entry('Z', "27"), Map.entry('5', "S"), Map.entry('S', "5"),
            Map.entry('6', "G"), Map.entry('G', "6"), Map.entry('7', "TZ"), Map.entry('T', "71"),
            Map.entry('8', "B"), Map.entry('B', "8"), Map.entry('4', "A"), Map.entry('A', "4"),
            Map.entry('H', "W"), Map.entry('W', "H"));

    /** One national scheme: district codes (may be empty), vehicle-part layouts and a score handicap. */
    public record Scheme(String name, Set<String> districts, List<String> layouts, String forbiddenLetters, double penalty,
                         boolean emblem) {
        public Scheme(String name, Set<String> districts, List<String> layouts, String forbiddenLetters, double penalty) {
            this(name, districts, layouts, forbiddenLetters, penalty, false);
        }

        public Scheme {
            districts = Set.copyOf(districts);
            layouts = List.copyOf(layouts);
            for (String d : districts) {
                if (!d.matches("[A-Z]{1,3}")) {
                    throw new IllegalArgumentException(name + ": district code must be 1-3 letters, was '" + d + "'");
                }
            }
            for (String l : layouts) {
                if (!l.matches("@?[LDA]{1,10}") && !l.matches("[LDA]{1,9}-[LDA]{1,9}")) {
                    throw new IllegalArgumentException(name + ": layout must be [@]L/D/A (or L/D/A with one '-' where the"
                            + " plate's gap is), was '" + l + "'");
                }
            }
        }
    }

    static final double DROP_PENALTY = -1.5;
    static final double EMBLEM_BONUS = 2.5;
    static final double HYPHEN_PENALTY = Double.parseDouble(System.getProperty("anpr.hyphenPenalty", "-1.0"));
    static final double SEPARATOR_MISMATCH = Double.parseDouble(System.getProperty("anpr.separatorMismatch", "-2.0"));
    private final List<Scheme> schemes;

    public PlateGrammar(Set<String> polishDistricts, List<Scheme> foreign) {
        List<String> pl = new ArrayList<>();
        for (String l : TWO_LETTER_LAYOUTS) {
            pl.add("@" + l);
        }
        for (String l : THREE_LETTER_LAYOUTS) {
            pl.add("@" + l);
        }
        List<Scheme> all = new ArrayList<>();
        all.add(new Scheme("PL", polishDistricts, pl, FORBIDDEN_VEHICLE_LETTERS, 0));
        all.addAll(foreign);
        this.schemes = List.copyOf(all);
    }

    public PlateGrammar(Set<String> districts) {
        this(districts, List.of());
    }

    /** Reads {@code code<TAB>...} lines ('#' comments) such as cities/kielce/plate-districts.tsv. */
    public static Set<String> districtsFromTsv(InputStream in) throws IOException {
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
        return codes;
    }

    /** Reads foreign schemes: {@code name<TAB>penalty<TAB>forbidden<TAB>layouts<TAB>districts}. */
    public static List<Scheme> schemesFromTsv(InputStream in) throws IOException {
        List<Scheme> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 4) {
                    throw new IOException("line " + n + ": expected name, penalty, forbidden letters, layouts[, districts]");
                }
                try {
                    Set<String> d = f.length > 4 && !f[4].isBlank() ? Set.of(f[4].trim().split("\\s+")) : Set.of();
                    boolean emblem = f.length > 5 && f[5].trim().equalsIgnoreCase("emblem");
                    out.add(new Scheme(f[0].trim(), d, List.of(f[3].trim().split(",")), f[2].trim(),
                            Double.parseDouble(f[1].trim()), emblem));
                } catch (IllegalArgumentException e) {
                    throw new IOException("line " + n + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    public static PlateGrammar polishDefault() {
        try (InputStream in = resource("plate-districts.tsv"); InputStream f = resource("foreign-plates.tsv")) {
            return new PlateGrammar(districtsFromTsv(in), schemesFromTsv(f));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the plate grammar data: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = PlateGrammar.class.getResourceAsStream("/pl/kielce/traffic/anpr/" + name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath");
        }
        return in;
    }

    public int districtCount() {
        return schemes.get(0).districts().size();
    }

    /** A decoded text with its summed log-probability and the layout that produced it. */
    public record Reading(String text, double logScore, String layout) {
    }

    /** Readings of the per-position probabilities (rows indexed by {@link Glyphs#ALPHABET}), best first. */
    public List<Reading> decode(double[][] p) {
        return decode(p, -1);
    }

    /**
     * As {@link #decode(double[][])}, knowing that a coloured emblem sat after {@code emblemAfter} characters
     * (-1: none seen). Schemes whose plates carry an emblem after the district code (Slovakia) gain
     * {@link #EMBLEM_BONUS} when the district length matches.
     */
    public List<Reading> decode(double[][] p, int emblemAfter) {
        return decode(p, emblemAfter, -1);
    }

    /**
     * As {@link #decode(double[][], int)}, knowing that the plate's separator (a clear gap or the emblem) follows
     * {@code separatorAfter} characters (-1: none seen). Readings of a layout that puts the separator elsewhere
     * (a Polish district of 2 letters read over a Czech 3+4 plate, a 3-letter district over a Slovak 2+5 one)
     * lose {@link #SEPARATOR_MISMATCH}.
     */
    public List<Reading> decode(double[][] p, int emblemAfter, int separatorAfter) {
        return decode(p, emblemAfter, separatorAfter, false);
    }

    /**
     * As {@link #decode(double[][], int, int)}, knowing whether a hyphen was seen in the separator gap: schemes
     * whose plates never carry one (Polish) then lose {@link #HYPHEN_PENALTY}.
     */
    public List<Reading> decode(double[][] p, int emblemAfter, int separatorAfter, boolean hyphen) {
        int n = p.length;
        return decode(p, emblemAfter, new Cues(separatorAfter, hyphen, separatorAfter > 1 ? separatorAfter - 1 : -1, hyphen,
                separatorAfter < n - 1 ? separatorAfter : -1, hyphen));
    }

    /**
     * Layout cues seen on the plate: where its separator is (-1: none clear) and whether it holds a hyphen, for
     * the whole row and for the row without its first or without its last glyph (a junk glyph the grammar may
     * drop: the cues are then measured on the remaining characters).
     */
    public record Cues(int separatorAfter, boolean hyphen, int separatorWithoutFirst, boolean hyphenWithoutFirst,
                       int separatorWithoutLast, boolean hyphenWithoutLast) {
    }

    /** As {@link #decode(double[][], int, int, boolean)} with cues measured separately for the shortened rows. */
    public List<Reading> decode(double[][] p, int emblemAfter, Cues cues) {
        int n = p.length;
        Map<String, Reading> best = new LinkedHashMap<>();
        StringBuilder free = new StringBuilder();
        double freeScore = FREE_PENALTY;
        for (double[] row : p) {
            int arg = argmax(row);
            free.append(Glyphs.ALPHABET.charAt(arg));
            freeScore += Math.log(row[arg]);
        }
        put(best, new Reading(free.toString(), freeScore, "free"));
        decodeSchemes(p, 0, best, emblemAfter, cues.separatorAfter(), cues.hyphen() ? HYPHEN_PENALTY : 0);
        if (n >= 6) {
            // a junk glyph (band, frame, screw) at either end
            decodeSchemes(java.util.Arrays.copyOfRange(p, 1, n), DROP_PENALTY, best, -1, cues.separatorWithoutFirst(),
                    cues.hyphenWithoutFirst() ? HYPHEN_PENALTY : 0);
            decodeSchemes(java.util.Arrays.copyOfRange(p, 0, n - 1), DROP_PENALTY, best, -1, cues.separatorWithoutLast(),
                    cues.hyphenWithoutLast() ? HYPHEN_PENALTY : 0);
        }
        List<Reading> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(Reading::logScore).reversed());
        return out;
    }

    private void decodeSchemes(double[][] p, double handicapAll, Map<String, Reading> best, int emblemAfter, int separatorAfter,
                               double hyphenCost) {
        int n = p.length;
        for (Scheme sc : schemes) {
            // the first scheme is the Polish one: its plates never carry a hyphen
            double handicap = handicapAll + (sc == schemes.get(0) ? hyphenCost : 0);
            for (String layout : sc.layouts()) {
                boolean withDistrict = layout.startsWith("@");
                String body = withDistrict ? layout.substring(1) : layout;
                if (!withDistrict) {
                    int dash = body.indexOf('-');
                    String plain = body.replace("-", "");
                    if (plain.length() == n) {
                        Part v = fill(p, 0, plain, sc.forbiddenLetters());
                        double sep = separatorAfter > 0 && dash >= 0 && dash != separatorAfter ? SEPARATOR_MISMATCH : 0;
                        put(best, new Reading(v.text, v.score + sc.penalty() + handicap + sep, sc.name() + ":" + layout));
                    }
                    continue;
                }
                for (String d : sc.districts()) {
                    int k = d.length();
                    if (k + body.length() != n) {
                        continue;
                    }
                    double ds = 0;
                    for (int i = 0; i < k; i++) {
                        ds += Math.log(prob(p[i], d.charAt(i)));
                    }
                    if (ds < -12) {
                        continue;
                    }
                    Part v = fill(p, k, body, sc.forbiddenLetters());
                    double bonus = sc.emblem() && emblemAfter == k ? EMBLEM_BONUS : 0;
                    if (separatorAfter > 0 && separatorAfter != k) {
                        bonus += SEPARATOR_MISMATCH;
                    }
                    put(best, new Reading(d + v.text, ds + v.score + sc.penalty() + handicap + bonus,
                            sc.name() + ":" + d + "+" + body));
                }
            }
        }
    }

    private record Part(String text, double score) {
    }

    private static Part fill(double[][] p, int from, String layout, String forbidden) {
        StringBuilder sb = new StringBuilder();
        double s = 0;
        for (int i = 0; i < layout.length(); i++) {
            double[] row = p[from + i];
            char kind = layout.charAt(i);
            char bestC = '?';
            double bestP = -1;
            for (int c = 0; c < Glyphs.ALPHABET.length(); c++) {
                char ch = Glyphs.ALPHABET.charAt(c);
                boolean isLetter = ch >= 'A';
                if ((kind == 'L' && !isLetter) || (kind == 'D' && isLetter) || (isLetter && forbidden.indexOf(ch) >= 0)) {
                    continue;
                }
                double q = kind == 'A' ? row[c] : prob(row, ch);
                if (q > bestP) {
                    bestP = q;
                    bestC = ch;
                }
            }
            sb.append(bestC);
            s += Math.log(bestP);
        }
        return new Part(sb.toString(), s);
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
            // the first look-alike listed is the closest (0 is an O before it is a D): later ones cost a bit more
            for (int i = 0; i < alikes.length(); i++) {
                q = Math.max(q, LOOKALIKE_WEIGHT * (1 - 0.05 * i) * row[Glyphs.ALPHABET.indexOf(alikes.charAt(i))]);
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
