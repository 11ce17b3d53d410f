package pl.kielce.traffic.transit.schedule;

import org.junit.jupiter.api.Test;
import pl.kielce.traffic.transit.TransitTestData;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtfsReaderTest {
    @TempDir
    Path dir;

    private static final Map<String, String> FEED = Map.of(
            "agency.txt", "\uFEFFagency_id,agency_name,agency_url,agency_timezone\n1,ZTM,http://x,Europe/Warsaw\n",
            // columns in an unusual order, a quoted name with a comma and an escaped quote, CRLF line ends
            "stops.txt", "stop_name,stop_id,stop_lat,stop_lon,location_type\r\n"
                    + "\"Dworzec, \"\"Główny\"\"\",S1,50.8736,20.6286,0\r\nUl. Sienkiewicza,S2,50.8700,20.6300,\r\n"
                    + "Plac,S3,50.8680,20.6330,\r\nEntrance,E1,50.8681,20.6331,2\r\n",
            "routes.txt", "route_id,route_short_name,route_long_name,route_type\nR0,0,Test,3\n",
            "trips.txt", "route_id,service_id,trip_id,direction_id,shape_id\nR0,WD,TR1,1,SH\n",
            // S2 has no times: interpolated halfway between 07:00 and 07:10 → 07:05
            "stop_times.txt", "trip_id,stop_sequence,stop_id,arrival_time,departure_time\n"
                    + "TR1,10,S3,07:10:00,07:10:00\nTR1,1,S1,06:59:00,07:00:00\nTR1,5,S2,,\n",
            "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                    + "WD,1,1,1,1,1,0,0,20261101,20261231\n",
            "calendar_dates.txt", "service_id,date,exception_type\nWD,20261130,2\nWD,20261129,1\n",
            "shapes.txt", "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\nSH,50.87,20.63,2\nSH,50.8736,20.6286,1\n");

    private Path zip(Map<String, String> files) throws IOException {
        Path z = dir.resolve("feed.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
            for (var e : files.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return z;
    }

    @Test
    void readsAZipWithQuotingReorderedColumnsAndMissingTimes() throws IOException {
        GtfsFeed feed = GtfsReader.read(zip(FEED));

        assertThat(feed.zone()).isEqualTo(ZoneId.of("Europe/Warsaw"));
        assertThat(feed.stopCount()).isEqualTo(3); // the entrance (location_type 2) is skipped
        assertThat(feed.stop("S1").orElseThrow().name()).isEqualTo("Dworzec, \"Główny\"");
        ScheduledTrip t = feed.trip("TR1").orElseThrow();
        assertThat(t.directionId()).isEqualTo(1);
        assertThat(t.stop(0).id()).isEqualTo("S1");
        assertThat(t.stopSequence(2)).isEqualTo(10);
        assertThat(t.arrivalSeconds(0)).isEqualTo(6 * 3600 + 59 * 60);
        assertThat(t.departureSeconds(0)).isEqualTo(7 * 3600);
        assertThat(t.arrivalSeconds(1)).isEqualTo(7 * 3600 + 5 * 60);
        assertThat(feed.shape("SH").orElseThrow().latDegrees()).containsExactly(50.8736, 50.87);
        assertThat(feed.tripsOfRoute("R0")).containsExactly(t);
        // calendar: Monday 30 Nov removed, Sunday 29 Nov added, Tuesday 1 Dec regular
        assertThat(feed.runsOn(t, LocalDate.of(2026, 11, 30))).isFalse();
        assertThat(feed.runsOn(t, LocalDate.of(2026, 11, 29))).isTrue();
        assertThat(feed.runsOn(t, LocalDate.of(2026, 12, 1))).isTrue();
        assertThat(feed.runsOn(t, LocalDate.of(2026, 12, 5))).isFalse();
    }

    @Test
    void errorsNameTheFileLineAndField() throws IOException {
        var badTime = new java.util.HashMap<>(FEED);
        badTime.put("stop_times.txt", "trip_id,stop_sequence,stop_id,arrival_time,departure_time\n"
                + "TR1,1,S1,07:00:00,07:00:00\nTR1,2,S2,7h10,07:10:00\n");
        assertThatThrownBy(() -> GtfsReader.read(zip(badTime)))
                .isInstanceOf(GtfsFormatException.class)
                .hasMessageContaining("stop_times.txt line 3").hasMessageContaining("7h10");

        var unknownStop = new java.util.HashMap<>(FEED);
        unknownStop.put("stop_times.txt", "trip_id,stop_sequence,stop_id,arrival_time,departure_time\n"
                + "TR1,1,S1,07:00:00,07:00:00\nTR1,2,S9,07:10:00,07:10:00\n");
        assertThatThrownBy(() -> GtfsReader.read(zip(unknownStop)))
                .hasMessageContaining("stop_id S9 which is not in stops.txt");

        var noTz = new java.util.HashMap<>(FEED);
        noTz.put("agency.txt", "agency_id,agency_name\n1,ZTM\n");
        assertThatThrownBy(() -> GtfsReader.read(zip(noTz)))
                .hasMessageContaining("agency.txt: required column 'agency_timezone' is missing");

        assertThatThrownBy(() -> GtfsReader.read(dir.resolve("nope.zip"))).hasMessageContaining("not found");
    }

    /** The real RNV feed (Rhein-Neckar, autumn 2016), when the shared data is present. */
    @Test
    void readsTheRnvFeed() {
        Path rnv = TransitTestData.rnvGtfs();
        long t0 = System.nanoTime();
        GtfsFeed feed = GtfsReader.read(rnv);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(feed.tripCount()).isEqualTo(20_636);
        assertThat(feed.stopCount()).isEqualTo(2_057);
        assertThat(feed.routeCount()).isEqualTo(100);
        assertThat(feed.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        System.out.println("RNV GTFS: " + feed.tripCount() + " trips read in " + ms + " ms");
    }
}
