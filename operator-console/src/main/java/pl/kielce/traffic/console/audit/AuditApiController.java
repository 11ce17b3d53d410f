package pl.kielce.traffic.console.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The audit log as JSON for AUDITORs (read-only). */
@RestController
class AuditApiController {
    private final AuditLog audit;

    AuditApiController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    List<AuditLog.Entry> api(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                             @RequestParam(required = false) String subject,
                             @RequestParam(defaultValue = "200") int limit) {
        return audit.search(actor, action, subject, limit);
    }
}
