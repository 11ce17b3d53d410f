package pl.kielce.traffic.ctz.policy.register;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import pl.kielce.traffic.ctz.policy.EuroNorm;
import pl.kielce.traffic.ctz.policy.Fuel;
import pl.kielce.traffic.ctz.policy.ServiceKind;
import pl.kielce.traffic.ctz.policy.VehicleCategory;
import pl.kielce.traffic.ctz.policy.VehicleFacts;

/**
 * The register extract format (CSV, UTF-8, header row; comma or semicolon; RFC 4180 quotes):
 *
 * <pre>
 * plate,category,fuel,euro_norm,production_year,first_registration,gross_mass_kg,historic,special_service
 * TK12345,M1,petrol,Euro 4,2006,2006-03-14,1450,false,
 * TK7781A,N3,diesel,Euro VI,2016,2016-05-02,18000,,
 * TK001PL,M1,petrol,,1975,1975-06-01,1100,true,
 * </pre>
 *
 * Only {@code plate} is required per row; empty cells mean "unknown". Column order is free; the header
 * names the columns. Bad rows are reported with line, column, value and the fix, and skipped; good rows
 * are delivered one by one (streaming, for extracts of millions of rows).
 */
public final class RegisterCsv {
    public static final List<String> COLUMNS = List.of("plate", "category", "fuel", "euro_norm", "production_year",
            "first_registration", "gross_mass_kg", "historic", "special_service");

    /** One vehicle row: normalised plate and its facts. */
    public record Row(int line, String plate, VehicleFacts facts) {}

    /** A rejected row (or the header). */
    public record RowProblem(int line, String column, String value, String problem, String fix) {
        public String message() {
            return "line " + line + (column == null ? "" : ", column " + column) + (value == null ? "" : " (\"" + value + "\")")
                    + ": " + problem + ". Fix: " + fix;
        }
    }

    /** Totals of one parse. */
    public record Summary(int rowsRead, int rowsAccepted, int rowsRejected) {}

    private RegisterCsv() {}

    /** Parses the whole extract into memory (tools, tests). */
    public static Map.Entry<List<Row>, List<RowProblem>> parseAll(Reader in) {
        List<Row> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        parse(in, rows::add, problems::add);
        return Map.entry(rows, problems);
    }

    /** Streams the extract: every good row to {@code rows}, every rejected row to {@code problems}. */
    public static Summary parse(Reader in, Consumer<Row> rows, Consumer<RowProblem> problems) {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int read = 0, ok = 0, bad = 0;
        try {
            String header = r.readLine();
            int lineNo = 1;
            if (header == null) {
                problems.accept(new RowProblem(1, null, null, "the file is empty", "start with the header line: " + String.join(",", COLUMNS)));
                return new Summary(0, 0, 0);
            }
            if (header.startsWith("\uFEFF")) header = header.substring(1);
            char sep = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
            List<String> names = split(header, sep).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
            Map<String, Integer> idx = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (!COLUMNS.contains(n)) {
                    problems.accept(new RowProblem(1, n, null, "unknown column", "use the column names " + String.join(", ", COLUMNS)));
                    return new Summary(0, 0, 0);
                }
                idx.put(n, i);
            }
            if (!idx.containsKey("plate")) {
                problems.accept(new RowProblem(1, "plate", null, "the header has no plate column", "add a column named plate"));
                return new Summary(0, 0, 0);
            }
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                read++;
                List<String> cells = split(line, sep);
                RowProblem p = null;
                if (cells.size() != names.size()) {
                    p = new RowProblem(lineNo, null, null, "the row has " + cells.size() + " cells, the header " + names.size(),
                            "give every row the same columns as the header (leave unknown values empty)");
                }
                Row row = null;
                if (p == null) {
                    Object res = row(lineNo, cells, idx);
                    if (res instanceof RowProblem rp) p = rp;
                    else row = (Row) res;
                }
                if (p != null) { bad++; problems.accept(p); } else { ok++; rows.accept(row); }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Summary(read, ok, bad);
    }

    private static Object row(int line, List<String> cells, Map<String, Integer> idx) {
        String plate = Plates.normalise(cell(cells, idx, "plate"));
        if (plate == null || plate.isEmpty()) return new RowProblem(line, "plate", cell(cells, idx, "plate"), "the plate is empty", "write the plate, e.g. TK12345");
        if (plate.length() < 2 || plate.length() > 10) return new RowProblem(line, "plate", plate, "a plate has 2 to 10 letters and digits", "check the plate");
        VehicleFacts.Builder b = VehicleFacts.builder();
        String v;
        if ((v = cell(cells, idx, "category")) != null) {
            var c = VehicleCategory.parse(v);
            if (c.isEmpty()) return new RowProblem(line, "category", v, "not a vehicle category", "use one of " + Arrays.toString(VehicleCategory.values()) + " or leave empty");
            b.category(c.get());
        }
        if ((v = cell(cells, idx, "fuel")) != null) {
            var f = Fuel.parse(v);
            if (f.isEmpty()) return new RowProblem(line, "fuel", v, "not a fuel", "use one of " + Arrays.stream(Fuel.values()).map(Fuel::code).collect(Collectors.joining(", ")) + " or leave empty");
            b.fuel(f.get());
        }
        if ((v = cell(cells, idx, "euro_norm")) != null) {
            var e = EuroNorm.parse(v);
            if (e.isEmpty()) return new RowProblem(line, "euro_norm", v, "not a Euro norm", "use Euro 0 … Euro 7, e.g. \"Euro 6d-TEMP\", or leave empty");
            b.euroNorm(e.get());
        }
        if ((v = cell(cells, idx, "production_year")) != null) {
            try {
                int y = Integer.parseInt(v);
                if (y < 1885 || y > 2200) return new RowProblem(line, "production_year", v, "not a plausible year", "write four digits, e.g. 2006, or leave empty");
                b.productionYear(y);
            } catch (NumberFormatException e) {
                return new RowProblem(line, "production_year", v, "not a year", "write four digits, e.g. 2006, or leave empty");
            }
        }
        if ((v = cell(cells, idx, "first_registration")) != null) {
            try {
                b.firstRegistration(LocalDate.parse(v));
            } catch (DateTimeParseException e) {
                return new RowProblem(line, "first_registration", v, "not a date", "write YYYY-MM-DD, e.g. 2006-03-14, or leave empty");
            }
        }
        if ((v = cell(cells, idx, "gross_mass_kg")) != null) {
            try {
                int m = Integer.parseInt(v);
                if (m <= 0 || m > 200_000) return new RowProblem(line, "gross_mass_kg", v, "not a plausible mass", "write kilograms as a whole number, e.g. 3500, or leave empty");
                b.grossMassKg(m);
            } catch (NumberFormatException e) {
                return new RowProblem(line, "gross_mass_kg", v, "not a whole number of kilograms", "write kilograms as digits only, e.g. 3500");
            }
        }
        if ((v = cell(cells, idx, "historic")) != null) {
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "tak": case "1": b.historic(true); break;
                case "false": case "no": case "nie": case "0": break;
                default: return new RowProblem(line, "historic", v, "not true or false", "write true or false, or leave empty");
            }
        }
        if ((v = cell(cells, idx, "special_service")) != null) {
            var s = ServiceKind.parse(v);
            if (s.isEmpty()) return new RowProblem(line, "special_service", v, "not a service", "use one of " + Arrays.stream(ServiceKind.values()).map(ServiceKind::code).collect(Collectors.joining(", ")) + " or leave empty");
            b.specialService(s.get());
        }
        return new Row(line, plate, b.build());
    }

    private static String cell(List<String> cells, Map<String, Integer> idx, String column) {
        Integer i = idx.get(column);
        if (i == null) return null;
        String s = cells.get(i).trim();
        return s.isEmpty() ? null : s;
    }

    static List<String> split(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; } else quoted = false;
                } else cur.append(c);
            } else if (c == '"') quoted = true;
            else if (c == sep) { out.add(cur.toString()); cur.setLength(0); }
            else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }
}
