package pl.kielce.traffic.console.review;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kielce.traffic.console.ConsoleProperties;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileEvidenceStoreTest {
    static final String HEX = "ab".repeat(32);

    @Test
    void readsTheGatewaysContentAddressedLayoutAndPlainNamesButNothingOutside(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("evidence/claimed"));
        Files.write(dir.resolve("evidence/claimed/" + HEX + ".img"), new byte[]{1, 2, 3});
        Files.write(dir.resolve("evidence/photo.jpg"), new byte[]{4});
        Files.write(dir.resolve("secret.txt"), new byte[]{9});
        FileEvidenceStore store = new FileEvidenceStore(new ConsoleProperties(Path.of("cities"), dir.resolve("evidence"),
                new ConsoleProperties.Retention(java.time.Duration.ofDays(1), java.time.Duration.ofDays(2)),
                new ConsoleProperties.Login(5, 20, java.time.Duration.ofMinutes(15)), 500, false));
        assertThat(store.read("sha256:" + HEX)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(store.read("photo")).isPresent();
        assertThat(store.read("../secret.txt")).isEmpty();
        assertThat(store.read("/etc/passwd")).isEmpty();
        assertThat(store.delete("sha256:" + HEX)).isTrue();
        assertThat(store.read("sha256:" + HEX)).isEmpty();
    }
}
