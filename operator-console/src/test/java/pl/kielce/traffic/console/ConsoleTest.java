package pl.kielce.traffic.console;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import pl.kielce.traffic.testsupport.PostgisExtension;

import java.nio.file.Path;

/**
 * Base of the console's integration tests: the whole app on a real PostGIS test database (test-support's
 * {@link PostgisExtension}: fresh database, all migrations). One Spring context is shared by every subclass.
 */
@ExtendWith(PostgisExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
public abstract class ConsoleTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", PostgisExtension::jdbcUrl);
        r.add("spring.datasource.username", () -> "postgres");
        r.add("console.city-dir", () -> repoRoot().resolve("cities/kielce").toString());
        r.add("console.evidence-dir", () -> TestEvidence.dir().toString());
    }

    public static Path repoRoot() {
        String root = System.getProperty("repo.root");
        return root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root);
    }
}
