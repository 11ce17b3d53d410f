package pl.kielce.traffic.console.map;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The live map page (data comes from {@link MapController}'s JSON and SSE). */
@Controller
class MapPageController {
    @GetMapping("/map")
    String page() {
        return "map";
    }
}
