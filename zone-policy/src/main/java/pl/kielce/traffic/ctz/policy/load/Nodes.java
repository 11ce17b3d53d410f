package pl.kielce.traffic.ctz.policy.load;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads YAML/JSON as a node tree that keeps line numbers, and records clerk-friendly problems.
 * One instance per file.
 */
final class Nodes {
    final String file;
    final List<PackProblem> problems;

    Nodes(String file, List<PackProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Parses text (YAML, or JSON which YAML reads too); on a syntax error records a problem and returns null. */
    Node parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        options.setMaxAliasesForCollections(50);
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with the line
        try {
            Node root = new Yaml(options).compose(new java.io.StringReader(text));
            if (root == null) problem(null, "(file)", "the file is empty", "write the content described in zone-policy/README.md");
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            problems.add(new PackProblem(file, line, "(syntax)", "the file cannot be read: " + e.getProblem(),
                    "check indentation, colons and quotes on this line and the one above it"));
            return null;
        } catch (YAMLException e) {
            problem(null, "(syntax)", "the file cannot be read: " + e.getMessage(), "check that it is valid YAML or JSON");
            return null;
        }
    }

    static int line(Node n) { return n == null ? 0 : n.getStartMark().getLine() + 1; }

    void problem(Node at, String where, String problem, String fix) {
        problems.add(new PackProblem(file, line(at), where, problem, fix));
    }

    /** A mapping's fields; records unknown and duplicate keys. Returns null (after a problem) if not a mapping. */
    Map<String, Node> fields(Node n, String where, Set<String> allowed) {
        if (!(n instanceof MappingNode m)) {
            problem(n, where, "expected a set of \"field: value\" lines here", "indent the fields of " + where + " under it");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), where, "a field name must be plain text", "write the field as name: value");
                continue;
            }
            String key = k.getValue();
            if (!allowed.contains(key)) {
                String guess = closest(key, allowed);
                problem(k, where, "unknown field \"" + key + "\"",
                        (guess != null ? "did you mean \"" + guess + "\"? " : "") + "Allowed fields here: " + String.join(", ", allowed));
                continue;
            }
            if (out.put(key, t.getValueNode()) != null) {
                problem(k, where, "the field \"" + key + "\" appears twice", "keep one of them");
            }
        }
        return out;
    }

    /** A list; a single scalar is accepted as a list of one. Null (after a problem) if something else. */
    List<Node> list(Node n, String where) {
        if (n instanceof SequenceNode s) return s.getValue();
        if (n instanceof ScalarNode) return List.of(n);
        problem(n, where, "expected a list here", "write the items as [a, b, c] or one \"- item\" per line");
        return null;
    }

    String text(Node n, String where) {
        if (n instanceof ScalarNode s) {
            String v = s.getValue().trim();
            return v.isEmpty() ? null : v;
        }
        problem(n, where, "expected a single value here, not a list or a block", "write one value after the colon");
        return null;
    }

    String requiredText(Map<String, Node> f, Node owner, String key, String where, String fix) {
        Node n = f.get(key);
        if (n == null) {
            problem(owner, where, "the field \"" + key + "\" is missing", fix);
            return null;
        }
        String v = text(n, where + "." + key);
        if (v == null && n instanceof ScalarNode) problem(n, where + "." + key, "the field \"" + key + "\" is empty", fix);
        return v;
    }

    String optionalText(Map<String, Node> f, String key, String where) {
        Node n = f.get(key);
        return n == null ? null : text(n, where + "." + key);
    }

    LocalDate date(Node n, String where) {
        String v = text(n, where);
        if (v == null) return null;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problem(n, where, "\"" + v + "\" is not a date", "write the date as YYYY-MM-DD, e.g. 2026-07-01");
            return null;
        }
    }

    LocalDate optionalDate(Map<String, Node> f, String key, String where) {
        Node n = f.get(key);
        return n == null ? null : date(n, where + "." + key);
    }

    Integer integer(Node n, String where, int min, int max, String meaning) {
        String v = text(n, where);
        if (v == null) return null;
        try {
            int i = Integer.parseInt(v.replace("_", ""));
            if (i < min || i > max) {
                problem(n, where, v + " is out of range for " + meaning, "use a whole number from " + min + " to " + max);
                return null;
            }
            return i;
        } catch (NumberFormatException e) {
            problem(n, where, "\"" + v + "\" is not a whole number", "write " + meaning + " as digits only, e.g. " + Math.max(min, Math.min(max, 3500)));
            return null;
        }
    }

    Double decimal(Node n, String where) {
        String v = text(n, where);
        if (v == null) return null;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            problem(n, where, "\"" + v + "\" is not a number", "write a number with a dot for decimals, e.g. 0.9");
            return null;
        }
    }

    Boolean bool(Node n, String where) {
        String v = text(n, where);
        if (v == null) return null;
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "yes": case "tak": return true;
            case "false": case "no": case "nie": return false;
            default:
                problem(n, where, "\"" + v + "\" is not true or false", "write true or false");
                return null;
        }
    }

    /** Parses every item of a list with {@code parser}; unknown items become problems naming the choices. */
    <T> List<T> items(Node n, String where, Function<String, java.util.Optional<T>> parser, String what, String choices) {
        List<Node> l = list(n, where);
        if (l == null) return null;
        List<T> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            String v = text(l.get(i), where + "[" + i + "]");
            if (v == null) continue;
            java.util.Optional<T> t = parser.apply(v);
            if (t.isEmpty()) problem(l.get(i), where, "\"" + v + "\" is not a " + what, "use one of: " + choices);
            else out.add(t.get());
        }
        return out;
    }

    /** The allowed word closest to a misspelt one (edit distance ≤ 3), or null. */
    static String closest(String word, Set<String> allowed) {
        String best = null;
        int bestD = 4;
        for (String a : allowed) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), a.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) { bestD = d; best = a; }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
