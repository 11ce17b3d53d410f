package pl.kielce.traffic.ctz.policy.whatif;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pl.kielce.traffic.ctz.policy.register.RegisterCsv;

/**
 * Past passages for a what-if replay as CSV: the register extract columns ({@link RegisterCsv}) with
 * {@code plate} replaced by {@code camera} and {@code at} (ISO-8601 with offset), plus an optional
 * {@code plate_country}. No plates.
 *
 * <pre>
 * camera,at,category,fuel,euro_norm,production_year,first_registration,gross_mass_kg,plate_country
 * KCE-CAM-01,2026-10-05T07:40:00+02:00,M1,diesel,Euro 4,2008,2008-02-01,1700,PL
 * </pre>
 */
public final class ReplayCsv {
    private ReplayCsv() {}

    /** Parsed passages and the rejected rows (as messages naming line, column and the fix). */
    public record Result(List<ReplayPassage> passages, List<String> problems) {}

    public static Result parse(Reader in) {
        BufferedReader r = new BufferedReader(in);
        List<ReplayPassage> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            String header = r.readLine();
            if (header == null) return new Result(out, List.of("line 1: the file is empty. Fix: start with camera,at,category,fuel,…"));
            List<String> cols = List.of(header.replace("\uFEFF", "").trim().split(","));
            int cam = cols.indexOf("camera"), at = cols.indexOf("at"), country = cols.indexOf("plate_country");
            if (cam < 0 || at < 0) return new Result(out, List.of("line 1: the header needs columns camera and at. Fix: e.g. camera,at,category,fuel,euro_norm,production_year"));
            // reuse the register parser for the vehicle columns: rewrite each row as a register row
            StringBuilder reg = new StringBuilder("plate");
            List<Integer> vehicleCols = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                if (i == cam || i == at || i == country) continue;
                reg.append(',').append(cols.get(i));
                vehicleCols.add(i);
            }
            reg.append('\n');
            List<String[]> rows = new ArrayList<>();
            String line;
            int lineNo = 1;
            List<Integer> lineNos = new ArrayList<>();
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != cols.size()) {
                    problems.add("line " + lineNo + ": " + cells.length + " cells, the header has " + cols.size() + ". Fix: give every row the same columns");
                    continue;
                }
                rows.add(cells);
                lineNos.add(lineNo);
                reg.append("R").append(rows.size());
                for (int i : vehicleCols) reg.append(',').append(cells[i]);
                reg.append('\n');
            }
            Map<Integer, pl.kielce.traffic.ctz.policy.VehicleFacts> facts = new java.util.HashMap<>();
            RegisterCsv.parse(new StringReader(reg.toString()), row -> facts.put(Integer.parseInt(row.plate().substring(1)), row.facts()),
                    p -> problems.add(p.message().replaceFirst("^line (\\d+)", "line " + lineNos.get(p.line() - 2))));
            for (int k = 0; k < rows.size(); k++) {
                String[] cells = rows.get(k);
                Instant when;
                try {
                    when = OffsetDateTime.parse(cells[at].trim()).toInstant();
                } catch (DateTimeParseException e) {
                    problems.add("line " + lineNos.get(k) + ", column at (\"" + cells[at] + "\"): not an ISO-8601 time with offset. Fix: e.g. 2026-10-05T07:40:00+02:00");
                    continue;
                }
                if (!facts.containsKey(k + 1)) continue; // reported by the register parser
                out.add(new ReplayPassage(cells[cam].trim(), when, facts.get(k + 1), country < 0 || cells[country].isBlank() ? null : cells[country].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(out, problems);
    }
}
