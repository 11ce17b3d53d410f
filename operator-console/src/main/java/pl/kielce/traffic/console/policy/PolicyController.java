package pl.kielce.traffic.console.policy;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import pl.kielce.traffic.console.web.BadInput;
import pl.kielce.traffic.console.web.Params;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Policy page (stages, rules, exemptions) and the what-if (page and JSON). */
@Controller
class PolicyController {
    private final PolicyView policy;
    private final Clock clock;

    PolicyController(PolicyView policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    @GetMapping("/policy")
    String page(@RequestParam(required = false) String stage, @RequestParam(required = false) String days, Model model) {
        model.addAttribute("policy", policy.policy().orElse(null));
        model.addAttribute("loadProblem", policy.loadProblem());
        model.addAttribute("rules", policy.rules());
        model.addAttribute("exemptions", policy.exemptions());
        model.addAttribute("currentStage", policy.currentStage());
        String s = Params.id("stage", stage) != null ? stage : policy.nextStage();
        int d = days(days);
        model.addAttribute("days", d);
        if (s != null) {
            Instant to = clock.instant();
            model.addAttribute("whatIf", policy.whatIf(s, to.minus(Duration.ofDays(d)), to));
        }
        return "policy";
    }

    private static int days(String days) {
        if (days == null || days.isBlank()) {
            return 7;
        }
        try {
            int d = Integer.parseInt(days.trim());
            if (d >= 1 && d <= 366) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new BadInput("days", "days must be a whole number 1..366, was '" + days + "'");
    }
}
