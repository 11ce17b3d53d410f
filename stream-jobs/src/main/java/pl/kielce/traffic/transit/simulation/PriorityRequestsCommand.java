package pl.kielce.traffic.transit.simulation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import pl.kielce.traffic.events.Decoded;
import pl.kielce.traffic.events.Topics;
import pl.kielce.traffic.streams.KafkaTail;
import pl.kielce.traffic.transit.priority.PriorityRequest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./traffic transit requests}: prints transit signal priority requests as they arrive (one line each). */
@Command(name = "requests", mixinStandardHelpOptions = true,
        description = "Follow transit signal priority requests on signals.controller-requests")
public final class PriorityRequestsCommand implements Callable<Integer> {
    @Mixin
    KafkaTail tail;

    @Override
    public Integer call() {
        tail.follow("transit-requests-tail-", List.of(Topics.SIGNALS_CONTROLLER_REQUESTS), r -> describe(r.value()));
        return 0;
    }

    /** One line per request; other payloads on the topic are shown with the reason they are not one. */
    static String describe(byte[] value) {
        Decoded<PriorityRequest> d = PriorityRequest.fromJson(value);
        if (!d.isOk()) {
            return "OTHER " + d.reason();
        }
        PriorityRequest r = d.value();
        return String.format(Locale.ROOT, "TSP   %s (%s %d s) at %s %s (%s): vehicle %s route %s trip %s late %d s, %d m out,"
                        + " arrival %s (assumed %s +%d s) id %s",
                r.kind(), r.kind() == pl.kielce.traffic.signals.timing.TransitPriority.Kind.EXTEND_GREEN ? "by" : "earlier by",
                r.seconds(), r.intersectionId(), r.movementId(), r.approach(), r.vehicleId(), r.routeId(), r.tripId(),
                r.delaySeconds(), r.distanceToStopLineMeters(), Instant.ofEpochSecond(r.expectedArrivalEpochSeconds()),
                r.assumedStepId(), r.assumedStepElapsedSeconds(), r.requestId());
    }
}
