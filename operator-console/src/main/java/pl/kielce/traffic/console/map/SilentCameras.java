package pl.kielce.traffic.console.map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's own check: a camera that counted passages during the last day but none in the last
 * {@code console.alerts.silent-after} (default 15 min) raises a SILENT_CAMERA alert (one per camera per hour).
 */
@Component
public class SilentCameras {
    private final JdbcTemplate jdbc;
    private final Alerts alerts;
    private final Clock clock;
    private final Duration silentAfter;
    private final CityPack city;

    SilentCameras(JdbcTemplate jdbc, Alerts alerts, Clock clock, CityPack city,
                  @org.springframework.beans.factory.annotation.Value("${console.alerts.silent-after:PT15M}") Duration silentAfter) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.clock = clock;
        this.city = city;
        this.silentAfter = silentAfter;
    }

    /** Cameras whose last window ended more than {@code silentAfter} before {@code now}. Pure. */
    public static List<String> silent(Map<String, Instant> lastWindowEnd, Instant now, Duration silentAfter) {
        List<String> out = new ArrayList<>();
        lastWindowEnd.forEach((camera, end) -> {
            if (end.plus(silentAfter).isBefore(now)) {
                out.add(camera);
            }
        });
        out.sort(null);
        return out;
    }

    @Scheduled(fixedDelayString = "${console.alerts.check-interval:PT1M}", initialDelayString = "PT30S")
    public int check() {
        Instant now = clock.instant();
        Map<String, Instant> last = new java.util.TreeMap<>();
        jdbc.query("SELECT camera_id, max(window_end) FROM passage_counts WHERE window_end > ? GROUP BY camera_id",
                rs -> {
                    last.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }, Timestamp.from(now.minus(Duration.ofDays(1))));
        List<String> silent = silent(last, now, silentAfter);
        Map<String, String> names = city.cameraNames();
        for (String camera : silent) {
            alerts.raise("silent-camera:" + camera + ":" + now.truncatedTo(ChronoUnit.HOURS), "SILENT_CAMERA", "WARNING",
                    camera, "Camera " + names.getOrDefault(camera, camera) + " has sent no passages since "
                            + last.get(camera), now, null, null);
        }
        return silent.size();
    }
}
