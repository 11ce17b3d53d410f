package pl.kielce.traffic.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Base64;

/**
 * A record that could not be processed, kept with the reason. Topic {@link Topics#ANPR_READS_DLQ} for
 * {@code anpr.reads}, {@link Topics#DEAD_LETTER} for every other source (see {@link Topics#deadLetterFor}).
 *
 * @param originalBytes the record value exactly as received, base64 (standard alphabet, padded)
 * @param sourceTopic   topic the record came from, non-blank
 * @param partition     its partition, or -1 when unknown
 * @param offset        its offset, or -1 when unknown
 * @param reason        why it was refused, non-blank
 * @param failedAt      when it was refused
 */
public record DeadLetter(
        String originalBytes,
        String sourceTopic,
        @JsonProperty(required = true) int partition,
        @JsonProperty(required = true) long offset,
        String reason,
        Instant failedAt) {

    public DeadLetter {
        Checks.present("originalBytes", originalBytes);
        try {
            Base64.getDecoder().decode(originalBytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("originalBytes must be base64: " + e.getMessage());
        }
        Checks.text("sourceTopic", sourceTopic);
        if (partition < -1) {
            throw new IllegalArgumentException("partition must be >= -1, was " + partition);
        }
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be >= -1, was " + offset);
        }
        Checks.text("reason", reason);
        Checks.present("failedAt", failedAt);
    }

    /** A dead letter for {@code original} (null is recorded as empty bytes). */
    public static DeadLetter of(byte[] original, String sourceTopic, int partition, long offset,
                                String reason, Instant failedAt) {
        byte[] bytes = original == null ? new byte[0] : original;
        return new DeadLetter(Base64.getEncoder().encodeToString(bytes), sourceTopic, partition, offset,
                reason, failedAt);
    }

    /** The original bytes, decoded from base64. */
    public byte[] original() {
        return Base64.getDecoder().decode(originalBytes);
    }
}
