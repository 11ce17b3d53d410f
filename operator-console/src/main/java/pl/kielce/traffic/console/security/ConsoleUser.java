package pl.kielce.traffic.console.security;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.util.Set;
import java.util.stream.Collectors;

/** The logged-in principal: a Spring {@link User} with the display name and the demo label. */
public final class ConsoleUser extends User {
    private final String displayName;
    private final boolean demo;
    private final Set<Role> roles;

    ConsoleUser(UserAccount account) {
        super(account.username(), account.passwordHash(), account.enabled(), true, true, true,
                account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).collect(Collectors.toSet()));
        this.displayName = account.displayName();
        this.demo = account.demo();
        this.roles = account.roles();
    }

    public String getDisplayName() {
        return displayName;
    }

    public boolean isDemo() {
        return demo;
    }

    public Set<Role> getRoles() {
        return roles;
    }
}
