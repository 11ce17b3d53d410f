package pl.kielce.traffic.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: the user's tasks by role. */
@Controller
class HomeController {
    @GetMapping("/")
    String home() {
        return "home";
    }
}
