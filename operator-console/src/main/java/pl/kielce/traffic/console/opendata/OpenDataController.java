package pl.kielce.traffic.console.opendata;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import pl.kielce.traffic.console.web.BadInput;
import pl.kielce.traffic.console.web.Params;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Open data, public and read-only: hourly passages per camera and daily compliance per stage as CSV/JSON, cameras
 * as GeoJSON. Aggregates only, never a plate; counts below {@link OpenData#MIN_CELL} are suppressed.
 */
@org.springframework.web.bind.annotation.RestController
class OpenDataController {
    private final OpenData data;
    private final Clock clock;

    OpenDataController(OpenData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    @GetMapping("/api/open/passages")
    List<OpenData.HourlyPassages> passages(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant[] r = range(from, to);
        return data.hourlyPassages(r[0], r[1]);
    }

    @GetMapping("/api/open/passages.csv")
    ResponseEntity<byte[]> passagesCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant[] r = range(from, to);
        StringBuilder b = new StringBuilder("camera_id,hour_start_utc,passages\n");
        data.hourlyPassages(r[0], r[1]).forEach(p -> b.append(p.cameraId()).append(',').append(p.hourStart()).append(',')
                .append(p.passages() == null ? "<" + OpenData.MIN_CELL : p.passages()).append('\n'));
        return csv(b, "passages.csv");
    }

    @GetMapping("/api/open/compliance")
    List<OpenData.DailyCompliance> compliance(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant[] r = range(from, to);
        return data.dailyCompliance(r[0], r[1]);
    }

    @GetMapping("/api/open/compliance.csv")
    ResponseEntity<byte[]> complianceCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant[] r = range(from, to);
        StringBuilder b = new StringBuilder("day,stage_id,outcome,passages\n");
        data.dailyCompliance(r[0], r[1]).forEach(c -> b.append(c.day()).append(',').append(c.stageId()).append(',')
                .append(c.outcome()).append(',').append(c.passages() == null ? "<" + OpenData.MIN_CELL : c.passages()).append('\n'));
        return csv(b, "compliance.csv");
    }

    @GetMapping(value = "/api/open/cameras.geojson", produces = "application/geo+json")
    JsonNode cameras() {
        return data.cameras();
    }

    private Instant[] range(String from, String to) {
        Instant toAt = Params.instant("to", to, clock.instant());
        Instant fromAt = Params.instant("from", from, toAt.minus(Duration.ofDays(7)));
        if (!fromAt.isBefore(toAt)) {
            throw new BadInput("from", "from must be before to");
        }
        if (Duration.between(fromAt, toAt).compareTo(Duration.ofDays(92)) > 0) {
            throw new BadInput("from", "the range from–to may span at most 92 days");
        }
        return new Instant[]{fromAt, toAt};
    }

    private static ResponseEntity<byte[]> csv(StringBuilder b, String name) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
