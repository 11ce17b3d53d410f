package pl.kielce.traffic.console.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page (the form posts to Spring Security's {@code /login}). */
@Controller
class LoginController {
    private final SetupToken token;

    LoginController(SetupToken token) {
        this.token = token;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("setupOpen", token.active());
        return "login";
    }
}
