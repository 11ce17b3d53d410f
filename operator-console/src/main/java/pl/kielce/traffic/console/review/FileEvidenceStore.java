package pl.kielce.traffic.console.review;

import org.springframework.stereotype.Component;
import pl.kielce.traffic.console.ConsoleProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evidence as files under {@code console.evidence-dir}. A reference {@code sha256:<hex>} is the anpr gateway's
 * content-addressed layout ({@code claimed/<hex>.img}, else {@code pending/<hex>.img}); any other reference is a
 * relative path ({@code ab/cd/name.jpg}, or a bare name with {@code .jpg}/{@code .png} tried). References are
 * checked against path traversal.
 */
@Component
class FileEvidenceStore implements EvidenceStore {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern SHA = Pattern.compile("sha256:([0-9a-f]{64})");
    private final Path root;

    FileEvidenceStore(ConsoleProperties props) {
        this.root = props.evidenceDir().toAbsolutePath().normalize();
    }

    @Override
    public Optional<byte[]> read(String ref) {
        return resolve(ref).map(p -> {
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read evidence " + ref, e);
            }
        });
    }

    @Override
    public boolean delete(String ref) {
        Optional<Path> p = resolve(ref);
        if (p.isEmpty()) {
            return false;
        }
        try {
            return Files.deleteIfExists(p.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete evidence " + ref, e);
        }
    }

    private Optional<Path> resolve(String ref) {
        var sha = ref == null ? null : SHA.matcher(ref);
        if (sha != null && sha.matches()) {
            for (String area : List.of("claimed", "pending")) {
                Path p = root.resolve(area).resolve(sha.group(1) + ".img");
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
        if (ref == null || !SAFE.matcher(ref).matches() || ref.contains("..")) {
            return Optional.empty();
        }
        for (String candidate : List.of(ref, ref + ".jpg", ref + ".png")) {
            Path p = root.resolve(candidate).normalize();
            if (p.startsWith(root) && Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
