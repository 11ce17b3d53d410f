package pl.kielce.traffic.console;

import pl.kielce.traffic.events.EventCodec;
import pl.kielce.traffic.events.Violation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Builds {@code Violation} JSON as the enforcement job publishes it, plus the optional recognition fields,
 * with a real photo from {@code plates/pl-dev} as evidence (its ground-truth plate box as the plate box).
 */
public final class TestCases {
    private TestCases() {
    }

    /** A real photo with its ground truth. */
    public record Photo(String file, String plate, int x, int y, int width, int height) {
    }

    /** The first {@code n} photos of pl-dev's ground truth, or an empty list when the data is absent. */
    public static List<Photo> photos(int n) {
        Path dir = TestEvidence.plPhotos();
        if (dir == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(dir.resolve("ground_truth.tsv")).stream().skip(1).limit(n).map(l -> l.split("\t"))
                    .map(f -> new Photo(f[0], f[7], (int) Double.parseDouble(f[3]), (int) Double.parseDouble(f[4]),
                            (int) (Double.parseDouble(f[5]) - Double.parseDouble(f[3])),
                            (int) (Double.parseDouble(f[6]) - Double.parseDouble(f[4]))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the photo into the test evidence folder under {@code ref} and returns ref. */
    public static String evidence(Photo p, String ref) {
        try {
            Files.copy(TestEvidence.plPhotos().resolve(p.file()), TestEvidence.dir().resolve(ref + ".jpg"),
                    StandardCopyOption.REPLACE_EXISTING);
            return ref;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Violation violation(String id, String plate, String stage, Instant firstSeen, List<String> evidence) {
        return new Violation(id, Violation.Kind.VIOLATION, plate, "PL", "kielce-sct", stage, "kielce-sct", "2026.1",
                "DIESEL_BELOW_EURO_5", "Diesel M1 Euro 4 (2007): stage " + stage + " requires Euro 5 or built 2009+",
                firstSeen, List.of("read-" + id), evidence, firstSeen.plusSeconds(2));
    }

    /** The JSON on the topic: the contract plus the optional recognition/register fields. */
    public static byte[] json(Violation v, String camera, Photo p) {
        String base = EventCodec.encodeToString(v);
        String extras = ",\"cameraId\":\"" + camera + "\",\"confidence\":0.87,"
                + "\"candidates\":[{\"plate\":\"" + v.plate() + "\",\"confidence\":0.87},{\"plate\":\""
                + v.plate().replace('5', 'S') + "\",\"confidence\":0.08}],"
                + (p == null ? "" : "\"plateBox\":{\"x\":" + p.x() + ",\"y\":" + p.y() + ",\"width\":" + p.width()
                + ",\"height\":" + p.height() + "},")
                + "\"vehicle\":{\"category\":\"M1\",\"fuel\":\"DIESEL\",\"euro\":\"EURO_4\",\"productionYear\":2007}";
        return (base.substring(0, base.length() - 1) + extras + "}").getBytes(StandardCharsets.UTF_8);
    }
}
