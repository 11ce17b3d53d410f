package pl.kielce.traffic.console.counts;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.kielce.traffic.console.web.BadInput;
import pl.kielce.traffic.console.web.Params;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/passage-counts?camera=&from=&to=}: passages per camera per window from {@code passage_counts}
 * (written by PassageCountJob). Defaults: all cameras, the last 24 hours. Aggregates only – public.
 */
@RestController
class PassageCountController {
    static final Duration MAX_RANGE = Duration.ofDays(31);
    private final PassageCounts counts;
    private final Clock clock;

    PassageCountController(PassageCounts counts, Clock clock) {
        this.counts = counts;
        this.clock = clock;
    }

    @GetMapping("/api/passage-counts")
    List<PassageCounts.Row> counts(@RequestParam(required = false) String camera,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to) {
        String cameraId = Params.id("camera", camera);
        Instant toAt = Params.instant("to", to, clock.instant());
        Instant fromAt = Params.instant("from", from, toAt.minus(Duration.ofHours(24)));
        if (!fromAt.isBefore(toAt)) {
            throw new BadInput("from", "from must be before to (from=" + fromAt + ", to=" + toAt + ")");
        }
        if (Duration.between(fromAt, toAt).compareTo(MAX_RANGE) > 0) {
            throw new BadInput("from", "the range from–to may span at most 31 days");
        }
        return counts.between(cameraId, fromAt, toAt);
    }
}
