package pl.kielce.traffic.console;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import pl.kielce.traffic.console.security.Role;
import pl.kielce.traffic.console.security.UserAccounts;

import java.util.Set;

/** Real users in the test database, one per role (created once; same password for all). */
public final class TestUsers {
    public static final String PASSWORD = "correct horse battery staple";

    private TestUsers() {
    }

    public static String name(Role role) {
        return "t-" + role.name().toLowerCase().replace('_', '-');
    }

    public static synchronized void ensure(UserAccounts accounts, String username, Role... roles) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, "Test " + username, PASSWORD, Set.of(roles), false, "test");
        }
    }

    public static synchronized void ensureAll(UserAccounts accounts) {
        for (Role r : Role.values()) {
            ensure(accounts, name(r), r);
        }
    }

    public static UserDetails details(UserDetailsService users, Role role) {
        return users.loadUserByUsername(name(role));
    }
}
