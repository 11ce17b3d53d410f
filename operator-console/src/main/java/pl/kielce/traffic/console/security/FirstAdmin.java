package pl.kielce.traffic.console.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import pl.kielce.traffic.console.audit.AuditLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The first admin, without any default password: from {@code CONSOLE_ADMIN_USERNAME} +
 * {@code CONSOLE_ADMIN_PASSWORD} (environment) when set, otherwise through a one-time setup token that the
 * app logs (and writes to {@code console.setup-token-file} if set) for {@code /setup}.
 */
@Configuration
class FirstAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    @Bean
    SetupToken setupToken() {
        return new SetupToken();
    }

    @Bean
    @Order(10)
    ApplicationRunner firstAdminRunner(UserAccounts accounts, SetupToken token, AuditLog audit,
                                       @Value("${CONSOLE_ADMIN_USERNAME:}") String username,
                                       @Value("${CONSOLE_ADMIN_PASSWORD:}") String password,
                                       @Value("${console.setup-token-file:}") String tokenFile,
                                       org.springframework.core.env.Environment env) {
        return (ApplicationArguments args) -> {
            if (accounts.anyAdmin()) {
                return;
            }
            if (env.matchesProfiles("demo")) {
                LOG.info("demo profile: the labelled demo-admin manages users; no setup token issued");
                return;
            }
            if (!username.isBlank() && !password.isBlank()) {
                accounts.create(username, "Administrator", password, Set.of(Role.ADMIN), false, "environment");
                audit.record("system", "USER_CREATED", "user", username, "first admin from environment",
                        Map.of("roles", "ADMIN"));
                LOG.info("created the first admin '{}' from CONSOLE_ADMIN_USERNAME/CONSOLE_ADMIN_PASSWORD", username);
                return;
            }
            String t = token.issue();
            LOG.warn("No admin exists. Open /setup and enter this one-time setup token to create one: {}", t);
            if (!tokenFile.isBlank()) {
                write(Path.of(tokenFile), t);
            }
        };
    }

    private static void write(Path file, String token) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, token + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }
}
