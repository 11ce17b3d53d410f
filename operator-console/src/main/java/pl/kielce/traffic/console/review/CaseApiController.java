package pl.kielce.traffic.console.review;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.kielce.traffic.console.review.CaseRecords.Detail;
import pl.kielce.traffic.console.review.CaseRecords.Summary;
import pl.kielce.traffic.console.security.ConsoleUser;
import pl.kielce.traffic.console.web.BadInput;
import pl.kielce.traffic.console.web.Params;

import java.util.List;

/** JSON API of the review desk (same rules and audit as the pages). */
@RestController
class CaseApiController {
    private final Cases cases;
    private final ReviewService review;

    CaseApiController(Cases cases, ReviewService review) {
        this.cases = cases;
        this.review = review;
    }

    @GetMapping("/api/cases")
    List<Summary> list(@RequestParam(required = false) String stage, @RequestParam(required = false) String camera,
                       @RequestParam(required = false) String day, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String kind, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadInput("limit", "limit must be 1..1000, was " + limit);
        }
        return cases.search(ReviewController.filter(stage, camera, day, status, kind), limit);
    }

    @GetMapping("/api/cases/{id}")
    Detail get(@PathVariable String id, @AuthenticationPrincipal ConsoleUser me) {
        return review.view(Params.id("id", id), me.getUsername());
    }

    /** Body: {@code {"action": "CONFIRM|REJECT|REQUEST_SECOND_CHECK|DISPUTE|APPEAL|…", "reason": "…"}}. */
    record ActionRequest(String action, String reason) {
    }

    @PostMapping("/api/cases/{id}/actions")
    Detail act(@PathVariable String id, @RequestBody ActionRequest body, @AuthenticationPrincipal ConsoleUser me) {
        ReviewAction a = Params.enumValue("action", body == null ? null : body.action(), ReviewAction.class);
        if (a == null) {
            throw new BadInput("action", "action is required");
        }
        return review.act(Params.id("id", id), a, me.getUsername(), me.getRoles(), body.reason());
    }
}
