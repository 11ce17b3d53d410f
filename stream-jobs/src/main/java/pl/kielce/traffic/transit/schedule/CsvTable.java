package pl.kielce.traffic.transit.schedule;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, allocation-light CSV reader for GTFS files (RFC 4180 quoting, CR/LF, UTF-8 BOM). Columns
 * are looked up by header name because GTFS does not fix the column order.
 */
final class CsvTable implements AutoCloseable {
    private final String file;
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private final StringBuilder field = new StringBuilder(64);
    private final List<String> row = new ArrayList<>(16);
    private final Map<String, Integer> header = new HashMap<>();
    private long line;

    CsvTable(String file, Reader in) throws IOException {
        this.file = file;
        this.in = in;
        if (!readRow()) {
            throw new GtfsFormatException(file + ": empty file (a header line is required)");
        }
        for (int i = 0; i < row.size(); i++) {
            String name = row.get(i).trim();
            if (i == 0 && !name.isEmpty() && name.charAt(0) == '\uFEFF') {
                name = name.substring(1);
            }
            header.put(name, i);
        }
    }

    /** Column index of a header, or -1. */
    int column(String name) {
        return header.getOrDefault(name, -1);
    }

    /** Column index of a required header; throws naming the file. */
    int requiredColumn(String name) {
        int c = column(name);
        if (c < 0) {
            throw new GtfsFormatException(file + ": required column '" + name + "' is missing (header: " + header.keySet() + ")");
        }
        return c;
    }

    boolean next() throws IOException {
        while (readRow()) {
            if (!(row.size() == 1 && row.get(0).isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** The value in a column, "" when the column is absent (index -1) or the row is short. */
    String get(int column) {
        return column < 0 || column >= row.size() ? "" : row.get(column);
    }

    String required(int column, String name) {
        String v = get(column);
        if (v.isEmpty()) {
            throw error("'" + name + "' is empty");
        }
        return v;
    }

    GtfsFormatException error(String what) {
        return new GtfsFormatException(file + " line " + line + ": " + what);
    }

    private int read() throws IOException {
        if (pos == limit) {
            if (eof) {
                return -1;
            }
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                eof = true;
                limit = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    private boolean readRow() throws IOException {
        row.clear();
        field.setLength(0);
        int c = read();
        if (c < 0) {
            return false;
        }
        line++;
        boolean quoted = false;
        boolean inQuotes = false;
        while (true) {
            if (inQuotes) {
                if (c < 0) {
                    throw error("unterminated quoted field");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        inQuotes = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                row.add(quoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                quoted = false;
            } else if (c == '\n' || c < 0) {
                row.add(quoted ? field.toString() : field.toString().trim());
                return true;
            } else if (c == '\r') {
                // ignored; the \n ends the line
            } else if (c == '"' && field.length() == 0) {
                inQuotes = true;
                quoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
