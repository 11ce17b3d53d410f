package pl.kielce.traffic.routing.transit.gtfs;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Minimal RFC-4180 CSV reader for GTFS files: header row, quoted fields, BOM tolerant. */
final class Csv {
    private final BufferedReader in;
    private final Map<String, Integer> columns = new HashMap<>();
    private final String file;
    private List<String> row;
    private long lineNumber = 1;

    Csv(String file, BufferedReader in) throws IOException {
        this.file = file;
        this.in = in;
        String header = in.readLine();
        if (header == null) {
            throw new GtfsFormatException(file + ": empty file, a header row is required");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> names = split(header);
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i).trim(), i);
        }
    }

    boolean next() throws IOException {
        String line;
        do {
            line = in.readLine();
            lineNumber++;
            if (line == null) {
                return false;
            }
        } while (line.isBlank());
        // a quoted field may contain a line break
        while (countQuotes(line) % 2 == 1) {
            String more = in.readLine();
            if (more == null) {
                break;
            }
            lineNumber++;
            line = line + "\n" + more;
        }
        row = split(line);
        return true;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The value, or "" when the column or the value is absent. */
    String get(String column) {
        Integer i = columns.get(column);
        if (i == null || i >= row.size()) {
            return "";
        }
        return row.get(i).trim();
    }

    String require(String column) {
        String v = get(column);
        if (v.isEmpty()) {
            throw new GtfsFormatException(file + " line " + lineNumber + ": column '" + column + "' is required");
        }
        return v;
    }

    int getInt(String column, int absent) {
        String v = get(column);
        if (v.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new GtfsFormatException(file + " line " + lineNumber + ": column '" + column + "' is not an integer: " + v);
        }
    }

    double requireDouble(String column) {
        String v = require(column);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new GtfsFormatException(file + " line " + lineNumber + ": column '" + column + "' is not a number: " + v);
        }
    }

    String where() {
        return file + " line " + lineNumber;
    }

    private static int countQuotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
