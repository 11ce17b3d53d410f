package pl.kielce.traffic.routing.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One row of a journeys-dev.csv file: a query and the arrival of the reference planner's journey. */
public record ReferenceQuery(String id, LocalDateTime departure, double fromLat, double fromLon, double toLat, double toLon,
                             LocalDateTime referenceArrival) {

    public static List<ReferenceQuery> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + ": empty file");
        }
        List<String> header = split(lines.get(0));
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i), i);
        }
        for (String c : List.of("query_id", "query_date_time", "query_from_lon", "query_from_lat", "query_to_lon", "query_to_lat",
                "trip_last_arrival_date_time")) {
            if (!col.containsKey(c)) {
                throw new IllegalArgumentException(csv + ": column '" + c + "' is missing");
            }
        }
        List<ReferenceQuery> out = new ArrayList<>();
        for (int l = 1; l < lines.size(); l++) {
            if (lines.get(l).isBlank()) {
                continue;
            }
            List<String> f = split(lines.get(l));
            try {
                out.add(new ReferenceQuery(f.get(col.get("query_id")), LocalDateTime.parse(f.get(col.get("query_date_time"))),
                        Double.parseDouble(f.get(col.get("query_from_lat"))), Double.parseDouble(f.get(col.get("query_from_lon"))),
                        Double.parseDouble(f.get(col.get("query_to_lat"))), Double.parseDouble(f.get(col.get("query_to_lon"))),
                        LocalDateTime.parse(f.get(col.get("trip_last_arrival_date_time")))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(csv + " line " + (l + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                q = !q;
            } else if (c == ',' && !q) {
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
