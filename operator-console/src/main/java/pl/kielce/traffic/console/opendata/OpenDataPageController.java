package pl.kielce.traffic.console.opendata;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The public open-data page with the download links. */
@Controller
class OpenDataPageController {
    @GetMapping("/open")
    String page() {
        return "open";
    }
}
