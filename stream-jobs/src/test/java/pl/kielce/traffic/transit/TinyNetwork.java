package pl.kielce.traffic.transit;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import pl.kielce.traffic.transit.adherence.VehicleObservation;
import pl.kielce.traffic.transit.schedule.GtfsFeed;
import pl.kielce.traffic.transit.schedule.Route;
import pl.kielce.traffic.transit.schedule.ServiceCalendar;
import pl.kielce.traffic.transit.schedule.Stop;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A tiny timetable built in code. Four stops on the parallel 50°N, 0.01° of longitude apart:
 * 0.01° × 111 320 m × cos 50° ≈ 715.6 m between neighbours.
 * <pre>
 *   A (20.000) ── B (20.010) ── C (20.020) ── D (20.030)
 * </pre>
 * Route R1 (direction 0): T1 A 08:00, B 08:02, C 08:04, D 08:06; T2 the same ten minutes later
 * (scheduled headway 600 s). T3 (route R3) has a 2-minute dwell at C: A 10:00, B 10:02,
 * C 10:04–10:06, D 10:08. LOOP (route RL) goes A 09:00, B 09:02, C 09:04, B 09:06, A 09:08.
 * Service WK runs Monday to Friday in November and December 2026. Times are Europe/Warsaw (UTC+1).
 */
public final class TinyNetwork {
    public static final ZoneId ZONE = ZoneId.of("Europe/Warsaw");
    /** A Monday. */
    public static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);
    public static final double LAT = 50.0;
    public static final double LON_A = 20.000;
    public static final double LON_B = 20.010;
    public static final double LON_C = 20.020;
    public static final double LON_D = 20.030;

    private TinyNetwork() {
    }

    public static GtfsFeed feed() {
        GtfsFeed.Builder b = GtfsFeed.builder(ZONE)
                .stop(new Stop("A", "Alpha", LAT, LON_A))
                .stop(new Stop("B", "Bravo", LAT, LON_B))
                .stop(new Stop("C", "Charlie", LAT, LON_C))
                .stop(new Stop("D", "Delta", LAT, LON_D))
                .route(new Route("R1", "1", "Alpha - Delta", 3))
                .route(new Route("R3", "3", "Alpha - Delta (dwell at C)", 3))
                .route(new Route("RL", "L", "Loop", 3))
                .calendar(ServiceCalendar.builder()
                        .weekly("WK", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 31),
                                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                                DayOfWeek.FRIDAY)
                        .build())
                .trip("T1", "R1", "WK", 0, "A", "08:00:00", "B", "08:02:00", "C", "08:04:00", "D", "08:06:00")
                .trip("T2", "R1", "WK", 0, "A", "08:10:00", "B", "08:12:00", "C", "08:14:00", "D", "08:16:00")
                .trip("LOOP", "RL", "WK", 0, "A", "09:00:00", "B", "09:02:00", "C", "09:04:00", "B", "09:06:00",
                        "A", "09:08:00");
        b.trip(new pl.kielce.traffic.transit.schedule.ScheduledTrip("T3", "R3", "WK", 0, "", null,
                new Stop[]{b.stopOrThrow("A"), b.stopOrThrow("B"), b.stopOrThrow("C"), b.stopOrThrow("D")},
                new int[]{1, 2, 3, 4},
                new int[]{sec("10:00"), sec("10:02"), sec("10:04"), sec("10:08")},
                new int[]{sec("10:00"), sec("10:02"), sec("10:06"), sec("10:08")}));
        return b.build();
    }

    /** Writes the same network (without T3) as GTFS text files into {@code dir}, for jobs that load a path. */
    public static java.nio.file.Path writeGtfs(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        java.util.Map<String, String> files = java.util.Map.of(
                "agency.txt", "agency_id,agency_name,agency_url,agency_timezone\n1,Tiny,http://example.org,Europe/Warsaw\n",
                "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,50.0,20.000\nB,Bravo,50.0,20.010\n"
                        + "C,Charlie,50.0,20.020\nD,Delta,50.0,20.030\n",
                "routes.txt", "route_id,route_short_name,route_long_name,route_type\nR1,1,Alpha - Delta,3\nRL,L,Loop,3\n",
                "trips.txt", "route_id,service_id,trip_id,direction_id\nR1,WK,T1,0\nR1,WK,T2,0\nRL,WK,LOOP,0\n",
                "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                        + "T1,08:00:00,08:00:00,A,1\nT1,08:02:00,08:02:00,B,2\nT1,08:04:00,08:04:00,C,3\nT1,08:06:00,08:06:00,D,4\n"
                        + "T2,08:10:00,08:10:00,A,1\nT2,08:12:00,08:12:00,B,2\nT2,08:14:00,08:14:00,C,3\nT2,08:16:00,08:16:00,D,4\n"
                        + "LOOP,09:00:00,09:00:00,A,1\nLOOP,09:02:00,09:02:00,B,2\nLOOP,09:04:00,09:04:00,C,3\n"
                        + "LOOP,09:06:00,09:06:00,B,4\nLOOP,09:08:00,09:08:00,A,5\n",
                "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                        + "WK,1,1,1,1,1,0,0,20261101,20261231\n");
        for (var e : files.entrySet()) {
            java.nio.file.Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        return dir;
    }

    /** "HH:MM" or "HH:MM:SS" → seconds of day. */
    public static int sec(String hhmm) {
        String[] p = hhmm.split(":");
        return Integer.parseInt(p[0]) * 3600 + Integer.parseInt(p[1]) * 60 + (p.length > 2 ? Integer.parseInt(p[2]) : 0);
    }

    /** Epoch seconds of a local wall time on {@link #MONDAY}. */
    public static long at(String hhmmss) {
        return ZonedDateTime.of(MONDAY, LocalTime.parse(hhmmss), ZONE).toEpochSecond();
    }

    public static VehicleObservation seen(String vehicle, String tripId, String routeId, double lon, String hhmmss) {
        return new VehicleObservation(vehicle, tripId, routeId, -1, null, LAT, lon, at(hhmmss));
    }

    /** A GTFS-RT VehiclePositions FeedMessage with one vehicle. */
    public static FeedMessage positionFeed(String vehicle, String tripId, String routeId, double lat, double lon,
                                           long epochSeconds) {
        TripDescriptor.Builder trip = TripDescriptor.newBuilder();
        if (tripId != null) {
            trip.setTripId(tripId);
        }
        if (routeId != null) {
            trip.setRouteId(routeId);
        }
        return FeedMessage.newBuilder()
                .setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0").setTimestamp(epochSeconds))
                .addEntity(FeedEntity.newBuilder().setId(vehicle)
                        .setVehicle(VehiclePosition.newBuilder()
                                .setVehicle(VehicleDescriptor.newBuilder().setId(vehicle))
                                .setTrip(trip)
                                .setPosition(Position.newBuilder().setLatitude((float) lat).setLongitude((float) lon))
                                .setTimestamp(epochSeconds)))
                .build();
    }
}
