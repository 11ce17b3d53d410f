package pl.kielce.traffic.anpr.gateway;

import pl.kielce.traffic.anpr.recognition.PlateCandidate;
import pl.kielce.traffic.anpr.recognition.PlateReading;
import pl.kielce.traffic.anpr.recognition.PlateRecognizer;
import pl.kielce.traffic.events.AnprRead;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The camera gateway's use case, independent of HTTP: validate the upload, recognise the plate, keep the
 * image as pending evidence and publish an {@link AnprRead}. Rejected uploads publish nothing and store nothing.
 */
public final class CameraGateway {
    /** Outcome: either a published read, a photo without a readable plate, or a problem. */
    public sealed interface Result permits Published, NoPlate, Rejected {
    }

    public record Published(AnprRead read) implements Result {
    }

    public record NoPlate(String readId) implements Result {
    }

    public record Rejected(Problem problem) implements Result {
    }

    private final CameraRegistry cameras;
    private final PlateRecognizer recognizer;
    private final EvidenceStore evidence;
    private final ReadPublisher publisher;
    private final long maxImageBytes;
    private final Supplier<String> ids;

    public CameraGateway(CameraRegistry cameras, PlateRecognizer recognizer, EvidenceStore evidence,
                         ReadPublisher publisher, long maxImageBytes, Supplier<String> ids) {
        this.cameras = cameras;
        this.recognizer = recognizer;
        this.evidence = evidence;
        this.publisher = publisher;
        this.maxImageBytes = maxImageBytes;
        this.ids = ids;
    }

    public static Supplier<String> randomIds() {
        return () -> UUID.randomUUID().toString();
    }

    public long maxImageBytes() {
        return maxImageBytes;
    }

    public Result accept(String cameraId, String contentType, String capturedAt, byte[] image) {
        if (cameras.find(cameraId).isEmpty()) {
            return reject(404, "Unknown camera", "camera '" + cameraId + "' is not registered", "cameraId");
        }
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("image/jpeg") && !type.equals("image/png")) {
            return reject(415, "Unsupported image type", "Content-Type must be image/jpeg or image/png, was '"
                    + (contentType == null ? "" : contentType) + "'", "Content-Type");
        }
        if (capturedAt == null || capturedAt.isBlank()) {
            return reject(400, "Missing capture time",
                    "send the capture time as header X-Captured-At or query parameter capturedAt (ISO-8601 with offset)",
                    "capturedAt");
        }
        OffsetDateTime when;
        try {
            when = OffsetDateTime.parse(capturedAt.trim());
        } catch (DateTimeParseException e) {
            return reject(400, "Invalid capture time", "capturedAt must be ISO-8601 with an offset, e.g. 2026-11-28T14:05:00+01:00",
                    "capturedAt");
        }
        if (image == null || image.length == 0) {
            return reject(400, "Empty image", "the request body holds no image", "body");
        }
        if (image.length > maxImageBytes) {
            return reject(413, "Image too large", "the image has " + image.length + " bytes; the limit is " + maxImageBytes, "body");
        }
        PlateReading reading;
        try {
            reading = recognizer.recognise(image);
        } catch (IllegalArgumentException e) {
            return reject(400, "Corrupt image", e.getMessage(), "body");
        }
        String readId = ids.get();
        if (reading.best().isEmpty()) {
            return new NoPlate(readId);
        }
        PlateCandidate best = reading.best().get();
        String ref;
        try {
            ref = evidence.put(image);
        } catch (IOException e) {
            return reject(503, "Evidence store unavailable", "the image could not be stored: " + e.getMessage(), null);
        }
        List<AnprRead.PlateCandidate> alternatives = reading.candidates().stream().skip(1)
                .map(c -> new AnprRead.PlateCandidate(c.text(), c.confidence())).toList();
        AnprRead read = new AnprRead(readId, cameraId, when, best.text(), best.country(), best.confidence(),
                alternatives, ref, new AnprRead.PlateBox(best.box().x(), best.box().y(), best.box().width(), best.box().height()));
        try {
            publisher.publish(read);
        } catch (Exception e) {
            return reject(503, "Read not published", "the broker did not accept the read: " + e.getClass().getSimpleName(), null);
        }
        return new Published(read);
    }

    private static Rejected reject(int status, String title, String detail, String field) {
        return new Rejected(new Problem(status, title, detail, field));
    }
}
