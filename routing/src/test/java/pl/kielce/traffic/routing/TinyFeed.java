package pl.kielce.traffic.routing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A hand-made GTFS feed for unit tests (Europe/Berlin, service every day of November 2016):
 * <pre>
 *   A (49.000, 8.000)   B (49.000, 8.020) and B2 (20 m east of B, same name "B", no wheelchair boarding)
 *   C (49.000, 8.040)   (stops 1.46 km apart: farther than the 1 km walking default)
 *   T1  route 1:  A 08:00 → B  08:10
 *   T2  route 2:  B2 08:10 → C 08:20          (through-running: needs a zero-minute change B → B2)
 *   T3  route 3:  A 08:05 → C 08:40           (no transfer, 20 min later)
 * </pre>
 */
public final class TinyFeed {
    private TinyFeed() {
    }

    public static Path write(Path dir) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nX,Test,http://x,Europe/Berlin\n");
        f.put("stops.txt", "stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding\n"
                + "A,A,49.000,8.000,1\nB,B,49.000,8.020,1\nB2,B,49.000,8.02027,2\nC,C,49.000,8.040,1\n");
        f.put("routes.txt", "route_id,route_short_name,route_long_name,route_type\n1,1,,3\n2,2,,0\n3,3,,3\n");
        f.put("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                + "S,1,1,1,1,1,1,1,20161101,20161130\n");
        f.put("trips.txt", "route_id,service_id,trip_id,trip_headsign,wheelchair_accessible\n"
                + "1,S,T1,to B,1\n2,S,T2,to C,1\n3,S,T3,to C,1\n");
        f.put("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                + "T1,08:00:00,08:00:00,A,1\nT1,08:10:00,08:10:00,B,2\n"
                + "T2,08:10:00,08:10:00,B2,1\nT2,08:20:00,08:20:00,C,2\n"
                + "T3,08:05:00,08:05:00,A,1\nT3,08:40:00,08:40:00,C,2\n");
        Path zip = dir.resolve("tiny-gtfs.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : f.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }
}
