package pl.kielce.traffic.console.policy;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import pl.kielce.traffic.console.web.BadInput;
import pl.kielce.traffic.console.web.Params;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** JSON what-if: {@code GET /api/policy/what-if?stage=&from=&to=}. */
@RestController
class PolicyApiController {
    private final PolicyView policy;
    private final Clock clock;

    PolicyApiController(PolicyView policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    @GetMapping("/api/policy/what-if")
    PolicyView.WhatIf whatIf(@RequestParam(required = false) String stage, @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to) {
        Instant toAt = Params.instant("to", to, clock.instant());
        Instant fromAt = Params.instant("from", from, toAt.minus(Duration.ofDays(7)));
        if (!fromAt.isBefore(toAt)) {
            throw new BadInput("from", "from must be before to");
        }
        String s = Params.id("stage", stage) != null ? stage : policy.nextStage();
        if (s == null) {
            throw new BadInput("stage", "no stage given and no policy loaded");
        }
        return policy.whatIf(s, fromAt, toAt);
    }

}
