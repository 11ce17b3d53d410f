package pl.kielce.traffic.console.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import pl.kielce.traffic.console.audit.AuditLog;
import pl.kielce.traffic.console.web.NotFound;

import java.util.Map;
import java.util.Set;

/** {@code /setup}: creates the first admin with the one-time token; 404 once an admin exists. */
@Controller
class SetupController {
    private final SetupToken token;
    private final UserAccounts accounts;
    private final AuditLog audit;

    SetupController(SetupToken token, UserAccounts accounts, AuditLog audit) {
        this.token = token;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/setup")
    String form(Model model) {
        if (!token.active()) {
            throw new NotFound("setup is closed: an administrator exists");
        }
        return "setup";
    }

    @PostMapping("/setup")
    String create(@RequestParam String token, @RequestParam String username, @RequestParam String displayName,
                  @RequestParam String password, Model model) {
        if (!this.token.active()) {
            throw new NotFound("setup is closed: an administrator exists");
        }
        String problem = UserAccount.passwordProblem(password);
        if (problem == null && !UserAccount.USERNAME.matcher(username).matches()) {
            problem = "username must be 3–64 of a-z 0-9 . _ -";
        }
        if (problem != null) {
            model.addAttribute("problem", problem);
            return "setup";
        }
        if (!this.token.consume(token)) {
            model.addAttribute("problem", "the setup token is not valid");
            return "setup";
        }
        accounts.create(username, displayName.isBlank() ? username : displayName, password, Set.of(Role.ADMIN), false,
                "setup-token");
        audit.record(username, "USER_CREATED", "user", username, "first admin through the one-time setup token",
                Map.of("roles", "ADMIN"));
        return "redirect:/login?created";
    }
}
