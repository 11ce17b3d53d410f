package pl.kielce.traffic.transit;

import pl.kielce.traffic.signals.city.CityIntersections;
import pl.kielce.traffic.signals.model.Intersection;
import pl.kielce.traffic.signals.model.Step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * A one-line test timetable across the real Kielce junction KI-IXW-SOLID (al. IX Wieków Kielc / al. Solidarności,
 * location and signal plan from {@code cities/kielce/intersections.xml}): stop EAST 843 m east of the junction
 * centre, stop WEST 843 m west of it, on its parallel (westbound along IX Wieków Kielc, so the bus uses movement
 * E-T "from east"). 0.012° of longitude at 50.87°N = 0.012 × 111 320 × cos 50.87° ≈ 843 m.
 * <pre>
 *   EAST ──────── 843 m ──────── ✚ KI-IXW-SOLID ──────── 843 m ──────── WEST
 * </pre>
 * Trip K1 runs EAST 10:00:00 → WEST 10:04:00 (1686 m in 240 s); trip K2 leaves EAST at a time the test chooses.
 * Every day of November and December 2026; Europe/Warsaw, like the signal plans' clock.
 */
public final class KielceTspNetwork {
    public static final ZoneId ZONE = ZoneId.of("Europe/Warsaw");
    public static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);
    public static final String JUNCTION = "KI-IXW-SOLID";
    public static final String MOVEMENT = "E-T";
    public static final double HALF_SPAN_DEGREES = 0.012;
    /** Metres from a stop to the junction (0.012° at the junction's latitude). */
    public final double halfSpanMeters;
    public final Path intersectionsFile;
    public final Intersection junction;

    public KielceTspNetwork() throws IOException {
        Path f = Path.of(System.getProperty("repo.root", "."), "cities", "kielce", "intersections.xml");
        intersectionsFile = Files.isRegularFile(f) ? f : Path.of("../cities/kielce/intersections.xml").toAbsolutePath();
        junction = CityIntersections.load(intersectionsFile).intersections().stream()
                .filter(x -> x.id().equals(JUNCTION)).findFirst()
                .orElseThrow(() -> new IllegalStateException(JUNCTION + " is not in " + intersectionsFile));
        halfSpanMeters = HALF_SPAN_DEGREES * 111_320.0 * Math.cos(Math.toRadians(junction.latitude()));
    }

    /** {lat, lon} of a point {@code metersEast} east of the junction centre on its parallel. */
    public double[] east(double metersEast) {
        return new double[]{junction.latitude(),
                junction.longitude() + metersEast / (111_320.0 * Math.cos(Math.toRadians(junction.latitude())))};
    }

    /** Seconds after leaving EAST at which an on-time bus is {@code metersEast} east of the centre. */
    public double scheduledSecondsAt(double metersEast) {
        return 240 * (halfSpanMeters - metersEast) / (2 * halfSpanMeters);
    }

    /** Writes the GTFS; K2 leaves EAST at {@code k2Departure} (seconds of day, local). */
    public Path writeGtfs(Path dir, int k2Departure) throws IOException {
        Files.createDirectories(dir);
        double lat = junction.latitude();
        double lonEast = junction.longitude() + HALF_SPAN_DEGREES;
        double lonWest = junction.longitude() - HALF_SPAN_DEGREES;
        Map<String, String> files = Map.of(
                "agency.txt", "agency_id,agency_name,agency_url,agency_timezone\n1,Test,http://example.org,Europe/Warsaw\n",
                "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nEAST,East," + lat + "," + lonEast + "\nWEST,West," + lat
                        + "," + lonWest + "\n",
                "routes.txt", "route_id,route_short_name,route_long_name,route_type\nKR,K,East - West,3\n",
                "trips.txt", "route_id,service_id,trip_id,direction_id\nKR,ALL,K1,0\nKR,ALL,K2,0\n",
                "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                        + "K1,10:00:00,10:00:00,EAST,1\nK1,10:04:00,10:04:00,WEST,2\n"
                        + "K2," + hms(k2Departure) + "," + hms(k2Departure) + ",EAST,1\n"
                        + "K2," + hms(k2Departure + 240) + "," + hms(k2Departure + 240) + ",WEST,2\n",
                "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                        + "ALL,1,1,1,1,1,1,1,20261101,20261231\n");
        for (var e : files.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        return dir;
    }

    /** Epoch seconds of {@code secondsOfDay} (local) on {@link #MONDAY}. */
    public static long at(double secondsOfDay) {
        return ZonedDateTime.of(MONDAY, LocalTime.MIDNIGHT, ZONE).toEpochSecond() + (long) Math.floor(secondsOfDay);
    }

    /**
     * The first second of day ≥ {@code notBefore} at which the junction's fixed-time plan (cycle from local midnight
     * plus offset) is {@code secondsIntoStage} s into the first green stage in which movement E-T is red: a late
     * bus a few seconds from the stop line then waits for the next green, which an early green can shorten.
     */
    public int secondOfDayIntoRedStage(int notBefore, int secondsIntoStage) {
        int m = junction.movementIndex(MOVEMENT);
        double start = 0;
        Step red = null;
        for (Step s : junction.steps()) {
            if (s.isStage() && !s.indications().get(m).isGreen()) {
                red = s;
                break;
            }
            start += s.durationSeconds();
        }
        if (red == null) {
            throw new IllegalStateException(JUNCTION + " has no stage in which " + MOVEMENT + " is red");
        }
        double cycle = junction.currentCycleSeconds();
        double target = start + secondsIntoStage + junction.currentOffsetSeconds();
        double k = Math.ceil((notBefore - target) / cycle);
        return (int) Math.round(target + k * cycle);
    }

    private static String hms(int s) {
        return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
