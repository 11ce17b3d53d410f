package pl.kielce.traffic.anpr.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evidence images stored content-addressed ({@code sha256:<hex>}) on disk. A new image is <em>pending</em>
 * and is deleted by {@link #sweep()} once older than the time-to-live, unless a claim (a violation or a review
 * case) moved it to the claimed area first. So a compliant vehicle leaves no image behind.
 */
public final class EvidenceStore {
    private static final Pattern REF = Pattern.compile("sha256:[0-9a-f]{64}");
    private final Path pending;
    private final Path claimed;
    private final Duration ttl;
    private final Clock clock;

    public EvidenceStore(Path root, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("evidence time-to-live must be positive, was " + ttl);
        }
        this.pending = root.resolve("pending");
        this.claimed = root.resolve("claimed");
        this.ttl = ttl;
        this.clock = clock;
        try {
            Files.createDirectories(pending);
            Files.createDirectories(claimed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the evidence folders under " + root, e);
        }
    }

    public static String refOf(byte[] image) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the image as pending (idempotent for the same bytes; refreshes its age) and returns its reference. */
    public String put(byte[] image) throws IOException {
        String ref = refOf(image);
        Path c = file(claimed, ref);
        if (Files.exists(c)) {
            return ref;
        }
        Path p = file(pending, ref);
        if (!Files.exists(p)) {
            Path tmp = Files.createTempFile(pending, "up", ".tmp");
            Files.write(tmp, image);
            try {
                Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.setLastModifiedTime(p, FileTime.from(clock.instant()));
        return ref;
    }

    /** Keeps the image for a case. Returns false when it is unknown (never stored, or already expired). */
    public boolean claim(String ref) throws IOException {
        checkRef(ref);
        Path c = file(claimed, ref);
        if (Files.exists(c)) {
            return true;
        }
        Path p = file(pending, ref);
        try {
            Files.move(p, c, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    public Optional<byte[]> read(String ref) throws IOException {
        checkRef(ref);
        for (Path dir : new Path[] {claimed, pending}) {
            Path f = file(dir, ref);
            if (Files.exists(f)) {
                return Optional.of(Files.readAllBytes(f));
            }
        }
        return Optional.empty();
    }

    public boolean isClaimed(String ref) {
        checkRef(ref);
        return Files.exists(file(claimed, ref));
    }

    /** Deletes pending images older than the time-to-live; returns how many were deleted. */
    public int sweep() throws IOException {
        Instant cutoff = clock.instant().minus(ttl);
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(pending, "*.img")) {
            for (Path f : ds) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && Files.deleteIfExists(f)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void checkRef(String ref) {
        if (ref == null || !REF.matcher(ref).matches()) {
            throw new IllegalArgumentException("evidenceRef must be 'sha256:' and 64 hex digits");
        }
    }

    private static Path file(Path dir, String ref) {
        return dir.resolve(ref.substring("sha256:".length()) + ".img");
    }
}
