package pl.kielce.traffic.console.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Profile {@code demo} only: one labelled demo user per role, with passwords made fresh at every start
 * and printed (and written to {@code console.demo.credentials-file}) so a newcomer can log in.
 */
@Configuration
@Profile("demo")
class DemoUsers {
    private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);
    static final Map<String, Role[]> USERS = new LinkedHashMap<>();

    static {
        USERS.put("demo-operator", new Role[]{Role.OPERATOR});
        USERS.put("demo-officer", new Role[]{Role.ENFORCEMENT_OFFICER});
        USERS.put("demo-officer2", new Role[]{Role.ENFORCEMENT_OFFICER});
        USERS.put("demo-supervisor", new Role[]{Role.SUPERVISOR});
        USERS.put("demo-auditor", new Role[]{Role.AUDITOR});
        USERS.put("demo-admin", new Role[]{Role.ADMIN});
    }

    @Bean
    @Order(5)
    ApplicationRunner demoUsersRunner(UserAccounts accounts, @Value("${console.demo.credentials-file:}") String file,
                                      @Value("${console.demo.password:}") String fixedPassword) {
        return args -> {
            StringBuilder out = new StringBuilder("DEMO users (demo profile only; passwords change at every start):\n");
            for (Map.Entry<String, Role[]> e : USERS.entrySet()) {
                String password = fixedPassword.isBlank() ? randomPassword() : fixedPassword;
                if (accounts.find(e.getKey()).isPresent()) {
                    accounts.setPassword(e.getKey(), password);
                } else {
                    accounts.create(e.getKey(), "DEMO " + e.getValue()[0].name().toLowerCase().replace('_', ' ')
                            + " (" + e.getKey() + ")", password, Set.of(e.getValue()), true, "demo-profile");
                }
                out.append(String.format("  %-16s %-20s password: %s%n", e.getKey(), e.getValue()[0], password));
            }
            LOG.warn("\n{}", out);
            if (!file.isBlank()) {
                write(Path.of(file), out.toString());
            }
        };
    }

    private static String randomPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder("demo-");
        for (int i = 0; i < 12; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static void write(Path path, String text) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, text);
    }
}
