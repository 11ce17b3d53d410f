package pl.kielce.traffic.transit.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a GTFS feed (zip or folder): agency, stops, routes, trips, stop_times, calendar,
 * calendar_dates and shapes when present. Errors name the file, the line and the field.
 */
public final class GtfsReader {
    private GtfsReader() {
    }

    public static GtfsFeed read(Path zipOrFolder) {
        if (!Files.exists(zipOrFolder)) {
            throw new GtfsFormatException("GTFS feed not found: " + zipOrFolder);
        }
        try {
            if (Files.isDirectory(zipOrFolder)) {
                return read(name -> {
                    Path p = zipOrFolder.resolve(name);
                    return Files.exists(p) ? Files.newInputStream(p) : null;
                });
            }
            try (ZipFile zip = new ZipFile(zipOrFolder.toFile())) {
                return read(name -> {
                    ZipEntry e = zip.getEntry(name);
                    return e == null ? null : zip.getInputStream(e);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GTFS feed " + zipOrFolder, e);
        }
    }

    @FunctionalInterface
    interface FeedFiles {
        /** The file's content, or null when the feed has no such file. */
        InputStream open(String name) throws IOException;
    }

    static GtfsFeed read(FeedFiles files) throws IOException {
        ZoneId zone = readZone(files);
        GtfsFeed.Builder b = GtfsFeed.builder(zone);
        readStops(files, b);
        readRoutes(files, b);
        b.calendar(readCalendar(files));
        Map<String, String[]> tripRows = readTrips(files);
        readShapes(files, b);
        readStopTimes(files, b, tripRows);
        return b.build();
    }

    private static CsvTable open(FeedFiles files, String name, boolean required) throws IOException {
        InputStream in = files.open(name);
        if (in == null) {
            if (required) {
                throw new GtfsFormatException(name + " is missing from the GTFS feed");
            }
            return null;
        }
        return new CsvTable(name, new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static ZoneId readZone(FeedFiles files) throws IOException {
        try (CsvTable t = open(files, "agency.txt", true)) {
            int tz = t.requiredColumn("agency_timezone");
            if (!t.next()) {
                throw new GtfsFormatException("agency.txt has no agency");
            }
            String v = t.required(tz, "agency_timezone");
            try {
                return ZoneId.of(v);
            } catch (DateTimeException e) {
                throw t.error("agency_timezone '" + v + "' is not a time zone id (e.g. Europe/Warsaw)");
            }
        }
    }

    private static void readStops(FeedFiles files, GtfsFeed.Builder b) throws IOException {
        try (CsvTable t = open(files, "stops.txt", true)) {
            int id = t.requiredColumn("stop_id");
            int name = t.column("stop_name");
            int lat = t.column("stop_lat");
            int lon = t.column("stop_lon");
            int type = t.column("location_type");
            while (t.next()) {
                String locationType = t.get(type);
                if (!locationType.isEmpty() && !locationType.equals("0") && !locationType.equals("1")) {
                    continue; // entrances, generic nodes, boarding areas: not served by trips
                }
                try {
                    b.stop(new Stop(t.required(id, "stop_id"), t.get(name),
                            parseDouble(t, lat, "stop_lat"), parseDouble(t, lon, "stop_lon")));
                } catch (IllegalArgumentException e) {
                    throw t.error(e.getMessage());
                }
            }
        }
    }

    private static double parseDouble(CsvTable t, int column, String name) {
        String v = t.required(column, name);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw t.error(name + " '" + v + "' is not a number");
        }
    }

    private static int parseInt(CsvTable t, int column, String name, int absent) {
        String v = t.get(column);
        if (v.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw t.error(name + " '" + v + "' is not a whole number");
        }
    }

    private static void readRoutes(FeedFiles files, GtfsFeed.Builder b) throws IOException {
        try (CsvTable t = open(files, "routes.txt", true)) {
            int id = t.requiredColumn("route_id");
            int shortName = t.column("route_short_name");
            int longName = t.column("route_long_name");
            int type = t.requiredColumn("route_type");
            while (t.next()) {
                b.route(new Route(t.required(id, "route_id"), t.get(shortName), t.get(longName),
                        parseInt(t, type, "route_type", 3)));
            }
        }
    }

    private static LocalDate parseDate(CsvTable t, int column, String name) {
        String v = t.required(column, name);
        if (v.length() != 8) {
            throw t.error(name + " '" + v + "' is not a date (YYYYMMDD)");
        }
        try {
            return LocalDate.of(Integer.parseInt(v, 0, 4, 10), Integer.parseInt(v, 4, 6, 10), Integer.parseInt(v, 6, 8, 10));
        } catch (NumberFormatException | DateTimeException e) {
            throw t.error(name + " '" + v + "' is not a date (YYYYMMDD)");
        }
    }

    private static ServiceCalendar readCalendar(FeedFiles files) throws IOException {
        ServiceCalendar.Builder c = ServiceCalendar.builder();
        boolean any = false;
        try (CsvTable t = open(files, "calendar.txt", false)) {
            if (t != null) {
                any = true;
                int id = t.requiredColumn("service_id");
                String[] days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
                int[] dayCols = new int[7];
                for (int i = 0; i < 7; i++) {
                    dayCols[i] = t.requiredColumn(days[i]);
                }
                int start = t.requiredColumn("start_date");
                int end = t.requiredColumn("end_date");
                while (t.next()) {
                    boolean[] w = new boolean[7];
                    for (int i = 0; i < 7; i++) {
                        w[i] = "1".equals(t.get(dayCols[i]));
                    }
                    c.weekly(t.required(id, "service_id"),
                            new ServiceCalendar.WeeklyService(parseDate(t, start, "start_date"), parseDate(t, end, "end_date"), w));
                }
            }
        }
        try (CsvTable t = open(files, "calendar_dates.txt", false)) {
            if (t != null) {
                any = true;
                int id = t.requiredColumn("service_id");
                int date = t.requiredColumn("date");
                int type = t.requiredColumn("exception_type");
                while (t.next()) {
                    String ty = t.get(type);
                    if (!ty.equals("1") && !ty.equals("2")) {
                        throw t.error("exception_type must be 1 or 2, was '" + ty + "'");
                    }
                    c.exception(t.required(id, "service_id"), parseDate(t, date, "date"), ty.equals("1"));
                }
            }
        }
        if (!any) {
            throw new GtfsFormatException("the GTFS feed has neither calendar.txt nor calendar_dates.txt");
        }
        return c.build();
    }

    /** trip_id → {route_id, service_id, direction_id, headsign, shape_id}. */
    private static Map<String, String[]> readTrips(FeedFiles files) throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        try (CsvTable t = open(files, "trips.txt", true)) {
            int id = t.requiredColumn("trip_id");
            int route = t.requiredColumn("route_id");
            int service = t.requiredColumn("service_id");
            int dir = t.column("direction_id");
            int head = t.column("trip_headsign");
            int shape = t.column("shape_id");
            while (t.next()) {
                String d = t.get(dir);
                if (!d.isEmpty() && !d.equals("0") && !d.equals("1")) {
                    throw t.error("direction_id must be 0 or 1, was '" + d + "'");
                }
                String tripId = t.required(id, "trip_id");
                if (rows.put(tripId, new String[]{t.required(route, "route_id"), t.required(service, "service_id"),
                        d, t.get(head), t.get(shape)}) != null) {
                    throw t.error("trip_id " + tripId + " appears twice");
                }
            }
        }
        return rows;
    }

    private static void readShapes(FeedFiles files, GtfsFeed.Builder b) throws IOException {
        try (CsvTable t = open(files, "shapes.txt", false)) {
            if (t == null) {
                return;
            }
            int id = t.requiredColumn("shape_id");
            int lat = t.requiredColumn("shape_pt_lat");
            int lon = t.requiredColumn("shape_pt_lon");
            int seq = t.requiredColumn("shape_pt_sequence");
            Map<String, List<double[]>> points = new HashMap<>();
            while (t.next()) {
                points.computeIfAbsent(t.required(id, "shape_id"), k -> new ArrayList<>())
                        .add(new double[]{parseInt(t, seq, "shape_pt_sequence", 0), parseDouble(t, lat, "shape_pt_lat"),
                                parseDouble(t, lon, "shape_pt_lon")});
            }
            points.forEach((shapeId, pts) -> {
                pts.sort((x, y) -> Double.compare(x[0], y[0]));
                double[] la = new double[pts.size()];
                double[] lo = new double[pts.size()];
                for (int i = 0; i < pts.size(); i++) {
                    la[i] = pts.get(i)[1];
                    lo[i] = pts.get(i)[2];
                }
                if (la.length >= 2) {
                    b.shape(new GtfsFeed.Shape(shapeId, la, lo));
                }
            });
        }
    }

    /** Growable per-trip stop time columns. */
    private static final class TripRows {
        int n;
        String[] stopIds = new String[16];
        int[] seq = new int[16];
        int[] arr = new int[16];
        int[] dep = new int[16];
        long firstLine;

        void add(String stopId, int s, int a, int d) {
            if (n == seq.length) {
                int c = n * 2;
                stopIds = Arrays.copyOf(stopIds, c);
                seq = Arrays.copyOf(seq, c);
                arr = Arrays.copyOf(arr, c);
                dep = Arrays.copyOf(dep, c);
            }
            stopIds[n] = stopId;
            seq[n] = s;
            arr[n] = a;
            dep[n] = d;
            n++;
        }
    }

    private static void readStopTimes(FeedFiles files, GtfsFeed.Builder b, Map<String, String[]> tripRows) throws IOException {
        Map<String, TripRows> byTrip = new HashMap<>(tripRows.size() * 2);
        try (CsvTable t = open(files, "stop_times.txt", true)) {
            int trip = t.requiredColumn("trip_id");
            int arr = t.requiredColumn("arrival_time");
            int dep = t.requiredColumn("departure_time");
            int stop = t.requiredColumn("stop_id");
            int seq = t.requiredColumn("stop_sequence");
            while (t.next()) {
                String tripId = t.required(trip, "trip_id");
                if (!tripRows.containsKey(tripId)) {
                    throw t.error("trip_id " + tripId + " is not in trips.txt");
                }
                int a;
                int d;
                try {
                    a = GtfsTime.parseSeconds(t.get(arr));
                    d = GtfsTime.parseSeconds(t.get(dep));
                } catch (IllegalArgumentException e) {
                    throw t.error(e.getMessage());
                }
                if (a < 0) {
                    a = d;
                }
                if (d < 0) {
                    d = a;
                }
                TripRows rows = byTrip.computeIfAbsent(tripId, k -> new TripRows());
                rows.add(t.required(stop, "stop_id"), parseInt(t, seq, "stop_sequence", -1), a, d);
            }
        }
        for (Map.Entry<String, TripRows> e : byTrip.entrySet()) {
            String tripId = e.getKey();
            TripRows r = e.getValue();
            String[] meta = tripRows.get(tripId);
            Integer[] order = new Integer[r.n];
            for (int i = 0; i < r.n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Integer.compare(r.seq[x], r.seq[y]));
            Stop[] stops = new Stop[r.n];
            int[] seq = new int[r.n];
            int[] arr = new int[r.n];
            int[] dep = new int[r.n];
            for (int i = 0; i < r.n; i++) {
                int o = order[i];
                String stopId = r.stopIds[o];
                stops[i] = b.stopOrNull(stopId);
                if (stops[i] == null) {
                    throw new GtfsFormatException("stop_times.txt: trip " + tripId + " uses stop_id " + stopId
                            + " which is not in stops.txt");
                }
                seq[i] = r.seq[o];
                arr[i] = r.arr[o];
                dep[i] = r.dep[o];
            }
            interpolateMissingTimes(tripId, arr, dep);
            try {
                b.trip(new ScheduledTrip(tripId, meta[0], meta[1], meta[2].isEmpty() ? -1 : Integer.parseInt(meta[2]),
                        meta[3], meta[4], stops, seq, arr, dep));
            } catch (IllegalArgumentException ex) {
                throw new GtfsFormatException("stop_times.txt: " + ex.getMessage(), ex);
            }
        }
    }

    /** GTFS allows empty times between timepoints: interpolate them linearly by stop index. */
    private static void interpolateMissingTimes(String tripId, int[] arr, int[] dep) {
        int n = arr.length;
        if (arr[0] < 0 || arr[n - 1] < 0) {
            throw new GtfsFormatException("stop_times.txt: trip " + tripId + " needs times at its first and last stop");
        }
        int last = 0;
        for (int i = 1; i < n; i++) {
            if (arr[i] >= 0) {
                for (int k = last + 1; k < i; k++) {
                    int v = dep[last] + (int) Math.round((arr[i] - dep[last]) * (double) (k - last) / (i - last));
                    arr[k] = v;
                    dep[k] = v;
                }
                last = i;
            }
        }
    }
}
