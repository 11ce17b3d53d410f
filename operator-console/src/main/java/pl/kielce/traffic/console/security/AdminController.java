package pl.kielce.traffic.console.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import pl.kielce.traffic.console.audit.AuditLog;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ADMIN: user accounts (create, disable). */
@Controller
class AdminController {
    private final UserAccounts accounts;
    private final AuditLog audit;

    AdminController(UserAccounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", accounts.list());
        model.addAttribute("allRoles", Role.values());
        return "admin-users";
    }

    @PostMapping("/admin/users")
    String create(@AuthenticationPrincipal ConsoleUser me, @RequestParam String username,
                  @RequestParam String displayName, @RequestParam String password,
                  @RequestParam(required = false) List<Role> roles, RedirectAttributes flash) {
        Set<Role> set = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        try {
            accounts.create(username, displayName, password, set, false, me.getUsername());
            audit.record(me.getUsername(), "USER_CREATED", "user", username, null, Map.of("roles", set.toString()));
            flash.addFlashAttribute("message", "user.created");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/enabled")
    String enable(@AuthenticationPrincipal ConsoleUser me, @PathVariable String username, @RequestParam boolean enabled) {
        if (!username.equals(me.getUsername())) {
            accounts.setEnabled(username, enabled);
            audit.record(me.getUsername(), enabled ? "USER_ENABLED" : "USER_DISABLED", "user", username, null, Map.of());
        }
        return "redirect:/admin/users";
    }
}
