package pl.kielce.traffic.console.review;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import pl.kielce.traffic.console.audit.AuditLog;
import pl.kielce.traffic.console.map.CityPack;
import pl.kielce.traffic.console.review.CaseRecords.Detail;
import pl.kielce.traffic.console.review.CaseRecords.Filter;
import pl.kielce.traffic.console.security.ConsoleUser;
import pl.kielce.traffic.console.web.BadInput;
import pl.kielce.traffic.console.web.NotFound;
import pl.kielce.traffic.console.web.Params;

import java.util.Map;

/** The review desk pages: queue, case, evidence images (each view audited), actions, notice PDF. */
@Controller
class ReviewController {
    private final Cases cases;
    private final ReviewService review;
    private final EvidenceImages images;
    private final AuditLog audit;
    private final CityPack city;

    ReviewController(Cases cases, ReviewService review, EvidenceImages images, AuditLog audit, CityPack city) {
        this.cases = cases;
        this.review = review;
        this.images = images;
        this.audit = audit;
        this.city = city;
    }

    static Filter filter(String stage, String camera, String day, String status, String kind) {
        CaseStatus st = Params.enumValue("status", status, CaseStatus.class);
        String k = kind == null || kind.isBlank() ? null : kind.trim().toUpperCase();
        if (k != null && !k.equals("VIOLATION") && !k.equals("REVIEW")) {
            throw new BadInput("kind", "kind must be VIOLATION or REVIEW, was '" + kind + "'");
        }
        return new Filter(Params.id("stage", stage), Params.id("camera", camera), Params.date("day", day), st, k);
    }

    @GetMapping("/review")
    String queue(@RequestParam(required = false) String stage, @RequestParam(required = false) String camera,
                 @RequestParam(required = false) String day, @RequestParam(required = false) String status,
                 @RequestParam(required = false) String kind, Model model) {
        Filter f = filter(stage, camera, day, status == null ? "NEW" : status, kind);
        model.addAttribute("filter", f);
        model.addAttribute("cases", cases.search(f, 200));
        model.addAttribute("stages", cases.stages());
        model.addAttribute("cameras", cases.cameras());
        model.addAttribute("cameraNames", city.cameraNames());
        model.addAttribute("statuses", CaseStatus.values());
        return "review-queue";
    }

    @GetMapping("/review/{id}")
    String show(@PathVariable String id, @AuthenticationPrincipal ConsoleUser me, Model model) {
        Detail d = review.view(Params.id("id", id), me.getUsername());
        model.addAttribute("c", d);
        model.addAttribute("cameraName", city.cameraName(d.cameraId()).orElse(d.cameraId()));
        model.addAttribute("images", d.evidenceRefs().stream().map(images::size).toList());
        model.addAttribute("canDecideDispute", me.getRoles().contains(pl.kielce.traffic.console.security.Role.SUPERVISOR));
        return "review-case";
    }

    @GetMapping("/review/{id}/evidence/{n}")
    ResponseEntity<byte[]> evidence(@PathVariable String id, @PathVariable int n, @AuthenticationPrincipal ConsoleUser me) {
        String ref = ref(id, n);
        byte[] bytes = images.read(ref).orElseThrow(() -> new NotFound("evidence " + n + " of case " + id + " is gone"));
        audit.record(me.getUsername(), "EVIDENCE_VIEWED", "case", id, null, Map.of("evidence", n));
        return image(bytes, EvidenceImages.mediaType(bytes));
    }

    @GetMapping("/review/{id}/evidence/{n}/crop")
    ResponseEntity<byte[]> crop(@PathVariable String id, @PathVariable int n, @AuthenticationPrincipal ConsoleUser me) {
        Detail d = cases.find(Params.id("id", id)).orElseThrow(() -> new NotFound("no case " + id));
        if (d.plateBox() == null) {
            throw new NotFound("case " + id + " has no plate box");
        }
        byte[] png = images.crop(ref(id, n), d.plateBox()).orElseThrow(() -> new NotFound("evidence is gone"));
        audit.record(me.getUsername(), "EVIDENCE_VIEWED", "case", id, null, Map.of("evidence", n, "part", "plate crop"));
        return image(png, MediaType.IMAGE_PNG);
    }

    @PostMapping("/review/{id}/action")
    String act(@PathVariable String id, @RequestParam String action, @RequestParam(required = false) String reason,
               @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        ReviewAction a = Params.enumValue("action", action, ReviewAction.class);
        if (a == null) {
            throw new BadInput("action", "action is required");
        }
        review.act(Params.id("id", id), a, me.getUsername(), me.getRoles(), reason);
        flash.addFlashAttribute("done", a.name());
        return "redirect:/review/" + id;
    }

    /** Supervisor only (security rule and workflow): decide a disputed case. */
    @PostMapping("/review/{id}/dispute")
    String decideDispute(@PathVariable String id, @RequestParam String decision,
                         @RequestParam(required = false) String reason, @AuthenticationPrincipal ConsoleUser me,
                         RedirectAttributes flash) {
        ReviewAction a = Params.enumValue("decision", decision, ReviewAction.class);
        if (a != ReviewAction.CONFIRM && a != ReviewAction.REJECT) {
            throw new BadInput("decision", "decision must be CONFIRM or REJECT");
        }
        review.act(Params.id("id", id), a, me.getUsername(), me.getRoles(), reason);
        flash.addFlashAttribute("done", a.name());
        return "redirect:/review/" + id;
    }

    @GetMapping("/review/{id}/notice.pdf")
    ResponseEntity<byte[]> notice(@PathVariable String id, @AuthenticationPrincipal ConsoleUser me) {
        Detail d = cases.find(Params.id("id", id)).orElseThrow(() -> new NotFound("no case " + id));
        if (d.notice() == null) {
            throw new NotFound("case " + id + " has no notice (it is not confirmed)");
        }
        byte[] pdf = NoticePdf.render(d, d.notice(), city.cameraName(d.cameraId()).orElse(null));
        audit.record(me.getUsername(), "NOTICE_DOWNLOADED", "case", id, null, Map.of("notice", d.notice().number()));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"zawiadomienie-"
                        + d.notice().number().replace('/', '-') + ".pdf\"")
                .body(pdf);
    }

    private String ref(String id, int n) {
        Detail d = cases.find(Params.id("id", id)).orElseThrow(() -> new NotFound("no case " + id));
        if (n < 0 || n >= d.evidenceRefs().size()) {
            throw new NotFound("case " + id + " has no evidence " + n);
        }
        return d.evidenceRefs().get(n);
    }

    private static ResponseEntity<byte[]> image(byte[] bytes, MediaType type) {
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CACHE_CONTROL, "no-store").body(bytes);
    }
}
