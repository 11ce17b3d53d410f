package pl.kielce.traffic.ctz.policy;

import java.util.Iterator;
import java.util.Map;

/** A tiny JSON writer for decisions and reports (no dependency; the engine must stay embeddable). */
public final class Json {
    private Json() {}

    /** Writes maps, iterables, strings, numbers, booleans and null; anything else as its string. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0, true);
        return b.toString();
    }

    /** As {@link #write} with two-space indentation. */
    public static String pretty(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0, false);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, int depth, boolean compact) {
        if (v == null) b.append("null");
        else if (v instanceof String s) string(b, s);
        else if (v instanceof Number || v instanceof Boolean) {
            if (v instanceof Double d && (d.isNaN() || d.isInfinite())) b.append("null");
            else b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            boolean first = true;
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                if (!first) b.append(',');
                first = false;
                newline(b, depth + 1, compact);
                string(b, String.valueOf(e.getKey()));
                b.append(compact ? ":" : ": ");
                write(b, e.getValue(), depth + 1, compact);
            }
            if (!m.isEmpty()) newline(b, depth, compact);
            b.append('}');
        } else if (v instanceof Iterable<?> l) {
            b.append('[');
            boolean first = true;
            for (Object o : l) {
                if (!first) b.append(compact ? "," : ", ");
                first = false;
                write(b, o, depth + 1, compact);
            }
            b.append(']');
        } else string(b, v.toString());
    }

    private static void newline(StringBuilder b, int depth, boolean compact) {
        if (compact) return;
        b.append('\n');
        for (int i = 0; i < depth; i++) b.append("  ");
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        b.append('"');
    }
}
