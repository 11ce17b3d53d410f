package pl.kielce.traffic.console.signals;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import pl.kielce.traffic.console.security.ConsoleUser;
import pl.kielce.traffic.console.web.Params;

/** Signal plans page: proposed vs current, approve/reject with a comment, plan history. */
@Controller
class SignalsController {
    private final SignalPlans plans;

    SignalsController(SignalPlans plans) {
        this.plans = plans;
    }

    @GetMapping("/signals")
    String page(Model model) {
        model.addAttribute("proposed", plans.byStatus("PROPOSED"));
        model.addAttribute("approved", plans.byStatus("APPROVED"));
        model.addAttribute("log", plans.log(100));
        return "signals";
    }

    @PostMapping("/signals/{planId}/approve")
    String approve(@PathVariable String planId, @RequestParam(required = false) String comment,
                   @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        var a = plans.approve(Params.id("planId", planId), me.getUsername(), comment);
        flash.addFlashAttribute("done", a.published() ? "plan.approvedMsg" : "plan.approvedNotPublishedMsg");
        flash.addFlashAttribute("donePlan", a.plan().planId());
        return "redirect:/signals";
    }

    @PostMapping("/signals/{planId}/reject")
    String reject(@PathVariable String planId, @RequestParam(required = false) String comment,
                  @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        var p = plans.reject(Params.id("planId", planId), me.getUsername(), comment);
        flash.addFlashAttribute("done", "plan.rejectedMsg");
        flash.addFlashAttribute("donePlan", p.planId());
        return "redirect:/signals";
    }
}
