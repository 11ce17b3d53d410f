package pl.kielce.traffic.console.review;

import java.util.Optional;

/** Evidence images by reference (the anpr gateway writes them; the console reads and, at retention, deletes). */
public interface EvidenceStore {
    /** The image bytes (JPEG or PNG), if present. */
    Optional<byte[]> read(String evidenceRef);

    /** Deletes the image; true when something was deleted. */
    boolean delete(String evidenceRef);
}
