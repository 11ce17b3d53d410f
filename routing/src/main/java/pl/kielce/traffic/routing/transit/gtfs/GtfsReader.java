package pl.kielce.traffic.routing.transit.gtfs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import pl.kielce.traffic.routing.transit.model.ServiceCalendar;
import pl.kielce.traffic.routing.transit.model.Timetable;

/** Reads a GTFS zip into a {@link Timetable}. Errors name the file, the line and the column. */
public final class GtfsReader {
    private static final DateTimeFormatter GTFS_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private GtfsReader() {
    }

    public static Timetable read(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new GtfsFormatException(zip + ": no such GTFS file");
        }
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return read(z, sha256(zip));
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Csv open(ZipFile z, String name, boolean required) throws IOException {
        ZipEntry e = z.getEntry(name);
        if (e == null) {
            // some feeds put files in a folder
            e = z.stream().filter(x -> x.getName().endsWith("/" + name)).findFirst().orElse(null);
        }
        if (e == null) {
            if (required) {
                throw new GtfsFormatException(name + " is missing from the GTFS zip");
            }
            return null;
        }
        return new Csv(name, new BufferedReader(new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8), 1 << 16));
    }

    private static Timetable read(ZipFile z, String checksum) throws IOException {
        ZoneId zone = ZoneId.of("UTC");
        Csv agency = open(z, "agency.txt", true);
        if (agency.next()) {
            zone = ZoneId.of(agency.require("agency_timezone"));
        }

        // stops
        List<String> sId = new ArrayList<>();
        List<String> sName = new ArrayList<>();
        List<double[]> sPos = new ArrayList<>();
        List<Byte> sWheel = new ArrayList<>();
        Map<String, String> parentOf = new HashMap<>();
        Map<String, Byte> stationWheel = new HashMap<>();
        Csv stops = open(z, "stops.txt", true);
        while (stops.next()) {
            int type = stops.getInt("location_type", 0);
            String id = stops.require("stop_id");
            byte wb = (byte) stops.getInt("wheelchair_boarding", 0);
            if (type == 1) {
                stationWheel.put(id, wb);
                continue;
            }
            if (type != 0) {
                continue; // entrances, generic nodes, boarding areas
            }
            sId.add(id);
            sName.add(stops.get("stop_name"));
            sPos.add(new double[]{stops.requireDouble("stop_lat"), stops.requireDouble("stop_lon")});
            sWheel.add(wb);
            String parent = stops.get("parent_station");
            if (!parent.isEmpty()) {
                parentOf.put(id, parent);
            }
        }
        int nStops = sId.size();
        String[] stopId = sId.toArray(String[]::new);
        String[] stopName = sName.toArray(String[]::new);
        double[] lat = new double[nStops];
        double[] lon = new double[nStops];
        byte[] wheel = new byte[nStops];
        Map<String, Integer> stopIndex = new HashMap<>();
        for (int i = 0; i < nStops; i++) {
            lat[i] = sPos.get(i)[0];
            lon[i] = sPos.get(i)[1];
            byte w = sWheel.get(i);
            if (w == 0 && parentOf.containsKey(stopId[i])) {
                w = stationWheel.getOrDefault(parentOf.get(stopId[i]), (byte) 0); // GTFS: inherit from the station
            }
            wheel[i] = w;
            stopIndex.put(stopId[i], i);
        }

        // routes
        Map<String, Integer> routeIndex = new HashMap<>();
        List<String> rShort = new ArrayList<>();
        List<String> rLong = new ArrayList<>();
        List<Integer> rType = new ArrayList<>();
        Csv routes = open(z, "routes.txt", true);
        while (routes.next()) {
            routeIndex.put(routes.require("route_id"), rShort.size());
            rShort.add(routes.get("route_short_name"));
            rLong.add(routes.get("route_long_name"));
            rType.add(routes.getInt("route_type", 3));
        }

        // services
        Map<String, Integer> serviceIndex = new HashMap<>();
        List<String> svcIds = new ArrayList<>();
        Map<String, Object[]> cal = new HashMap<>();
        Csv calendar = open(z, "calendar.txt", false);
        if (calendar != null) {
            while (calendar.next()) {
                String id = calendar.require("service_id");
                boolean[] wd = new boolean[7];
                String[] days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
                for (int d = 0; d < 7; d++) {
                    wd[d] = calendar.getInt(days[d], 0) == 1;
                }
                cal.put(id, new Object[]{date(calendar, "start_date"), date(calendar, "end_date"), wd});
                serviceIndex.computeIfAbsent(id, k -> { svcIds.add(k); return svcIds.size() - 1; });
            }
        }
        Map<String, Set<LocalDate>> added = new HashMap<>();
        Map<String, Set<LocalDate>> removed = new HashMap<>();
        Csv calendarDates = open(z, "calendar_dates.txt", false);
        if (calendarDates != null) {
            while (calendarDates.next()) {
                String id = calendarDates.require("service_id");
                LocalDate d = date(calendarDates, "date");
                int type = calendarDates.getInt("exception_type", 1);
                (type == 1 ? added : removed).computeIfAbsent(id, k -> new HashSet<>()).add(d);
                serviceIndex.computeIfAbsent(id, k -> { svcIds.add(k); return svcIds.size() - 1; });
            }
        }
        ServiceCalendar[] services = new ServiceCalendar[svcIds.size()];
        for (int i = 0; i < services.length; i++) {
            String id = svcIds.get(i);
            Object[] c = cal.get(id);
            services[i] = new ServiceCalendar(id, c == null ? null : (LocalDate) c[0], c == null ? null : (LocalDate) c[1],
                    c == null ? null : (boolean[]) c[2], added.getOrDefault(id, Set.of()), removed.getOrDefault(id, Set.of()));
        }

        // trips
        Map<String, Integer> tripIndex = new HashMap<>();
        List<String> tId = new ArrayList<>();
        List<Integer> tRoute = new ArrayList<>();
        List<String> tHead = new ArrayList<>();
        List<Integer> tSvc = new ArrayList<>();
        List<Byte> tWheel = new ArrayList<>();
        Csv trips = open(z, "trips.txt", true);
        while (trips.next()) {
            String id = trips.require("trip_id");
            Integer r = routeIndex.get(trips.require("route_id"));
            if (r == null) {
                throw new GtfsFormatException(trips.where() + ": route_id '" + trips.get("route_id") + "' is not in routes.txt");
            }
            Integer s = serviceIndex.get(trips.require("service_id"));
            if (s == null) {
                continue; // a service without any calendar entry never runs
            }
            tripIndex.put(id, tId.size());
            tId.add(id);
            tRoute.add(r);
            tHead.add(trips.get("trip_headsign"));
            tSvc.add(s);
            tWheel.add((byte) trips.getInt("wheelchair_accessible", 0));
        }
        int nTrips = tId.size();

        // stop times: collect, then bucket by trip and sort by stop_sequence
        int cap = 1 << 16;
        int[] rowTrip = new int[cap];
        int[] rowStop = new int[cap];
        int[] rowArr = new int[cap];
        int[] rowDep = new int[cap];
        int[] rowSeq = new int[cap];
        byte[] rowFlags = new byte[cap];
        int n = 0;
        Csv st = open(z, "stop_times.txt", true);
        while (st.next()) {
            Integer t = tripIndex.get(st.require("trip_id"));
            if (t == null) {
                continue;
            }
            int s = stopIndex.getOrDefault(st.require("stop_id"), -1);
            if (s < 0) {
                throw new GtfsFormatException(st.where() + ": stop_id '" + st.get("stop_id") + "' is not a stop in stops.txt");
            }
            if (n == cap) {
                cap *= 2;
                rowTrip = Arrays.copyOf(rowTrip, cap);
                rowStop = Arrays.copyOf(rowStop, cap);
                rowArr = Arrays.copyOf(rowArr, cap);
                rowDep = Arrays.copyOf(rowDep, cap);
                rowSeq = Arrays.copyOf(rowSeq, cap);
                rowFlags = Arrays.copyOf(rowFlags, cap);
            }
            String a = st.get("arrival_time");
            String d = st.get("departure_time");
            if (a.isEmpty() && d.isEmpty()) {
                throw new GtfsFormatException(st.where() + ": interpolated stop times (no arrival_time/departure_time) are not supported");
            }
            rowTrip[n] = t;
            rowStop[n] = s;
            rowArr[n] = seconds(st, a.isEmpty() ? d : a);
            rowDep[n] = seconds(st, d.isEmpty() ? a : d);
            rowSeq[n] = st.getInt("stop_sequence", 0);
            rowFlags[n] = (byte) ((st.getInt("pickup_type", 0) == 1 ? 1 : 0) | (st.getInt("drop_off_type", 0) == 1 ? 2 : 0));
            n++;
        }
        int[] first = new int[nTrips + 1];
        for (int i = 0; i < n; i++) {
            first[rowTrip[i] + 1]++;
        }
        for (int t = 0; t < nTrips; t++) {
            first[t + 1] += first[t];
        }
        int[] fill = Arrays.copyOf(first, nTrips);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[fill[rowTrip[i]]++] = i;
        }
        int[] stStop = new int[n];
        int[] stArr = new int[n];
        int[] stDep = new int[n];
        int[] stSeq = new int[n];
        boolean[] pickup = new boolean[n];
        boolean[] dropOff = new boolean[n];
        final int[] seqRef = rowSeq;
        for (int t = 0; t < nTrips; t++) {
            Integer[] idx = new Integer[first[t + 1] - first[t]];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = order[first[t] + i];
            }
            Arrays.sort(idx, (x, y) -> Integer.compare(seqRef[x], seqRef[y]));
            for (int i = 0; i < idx.length; i++) {
                int r = idx[i];
                int o = first[t] + i;
                stStop[o] = rowStop[r];
                stArr[o] = rowArr[r];
                stDep[o] = rowDep[r];
                stSeq[o] = rowSeq[r];
                pickup[o] = (rowFlags[r] & 1) == 0;
                dropOff[o] = (rowFlags[r] & 2) == 0;
            }
        }

        byte[] tripWheel = new byte[nTrips];
        int[] tripRoute = new int[nTrips];
        int[] tripSvc = new int[nTrips];
        for (int t = 0; t < nTrips; t++) {
            tripWheel[t] = tWheel.get(t);
            tripRoute[t] = tRoute.get(t);
            tripSvc[t] = tSvc.get(t);
        }
        int[] routeType = rType.stream().mapToInt(Integer::intValue).toArray();
        return new Timetable(zone, checksum, stopId, stopName, lat, lon, wheel, stopIndex,
                rShort.toArray(String[]::new), rLong.toArray(String[]::new), routeType,
                tId.toArray(String[]::new), tripRoute, tHead.toArray(String[]::new), tripSvc, tripWheel, tripIndex,
                first, stStop, stArr, stDep, stSeq, pickup, dropOff, services);
    }

    private static LocalDate date(Csv csv, String column) {
        String v = csv.require(column);
        try {
            return LocalDate.parse(v, GTFS_DATE);
        } catch (DateTimeParseException e) {
            throw new GtfsFormatException(csv.where() + ": column '" + column + "' is not a YYYYMMDD date: " + v);
        }
    }

    static int seconds(Csv csv, String hhmmss) {
        String[] p = hhmmss.trim().split(":");
        try {
            if (p.length != 3) {
                throw new NumberFormatException();
            }
            return Integer.parseInt(p[0]) * 3600 + Integer.parseInt(p[1]) * 60 + Integer.parseInt(p[2]);
        } catch (NumberFormatException e) {
            throw new GtfsFormatException(csv.where() + ": time is not HH:MM:SS: " + hhmmss);
        }
    }
}
