package pl.kielce.traffic.console.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;

/** Refuses logins for a user name or client address with too many recent failures, before checking the password. */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {
    private final AuthenticationProvider delegate;
    private final LoginThrottle users;
    private final LoginThrottle addresses;

    /** {@code users} counts per user name; {@code addresses} per client address (a looser limit: shared NATs). */
    ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle users, LoginThrottle addresses) {
        this.delegate = delegate;
        this.users = users;
        this.addresses = addresses;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String userKey = "user:" + String.valueOf(authentication.getName()).toLowerCase();
        String ipKey = authentication.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                ? "ip:" + d.getRemoteAddress() : null;
        Duration locked = max(users.lockedFor(userKey), ipKey == null ? Duration.ZERO : addresses.lockedFor(ipKey));
        if (!locked.isZero()) {
            throw new LockedException("too many failed logins; try again in " + Math.max(1, locked.toMinutes()) + " min");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            users.reset(userKey);
            return result;
        } catch (BadCredentialsException e) {
            users.recordFailure(userKey);
            if (ipKey != null) {
                addresses.recordFailure(ipKey);
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
