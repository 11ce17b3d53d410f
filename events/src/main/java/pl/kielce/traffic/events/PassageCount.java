package pl.kielce.traffic.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * Number of passages (reads) at one camera in one event-time window [windowStart, windowEnd).
 * Topic {@link Topics#COUNTS_PASSAGES}, key = camera id. Carries no plate by design.
 */
public record PassageCount(
        String cameraId,
        Instant windowStart,
        Instant windowEnd,
        @JsonProperty(required = true) long passages) {

    public PassageCount {
        Checks.text("cameraId", cameraId);
        Checks.present("windowStart", windowStart);
        Checks.present("windowEnd", windowEnd);
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("windowEnd must be after windowStart");
        }
        Checks.notNegative("passages", passages);
    }
}
