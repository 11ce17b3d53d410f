package pl.kielce.traffic.console.security;

import java.util.Set;
import java.util.regex.Pattern;

/** A console user as stored (password only as a bcrypt hash). */
public record UserAccount(String username, String displayName, String passwordHash, boolean enabled, boolean demo,
                          Set<Role> roles) {
    static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");
    /** Shortest password accepted for a new account. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    public UserAccount {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 3–64 of a-z 0-9 . _ -, was '" + username + "'");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("displayName must not be blank");
        }
        roles = Set.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a user needs at least one role");
        }
    }

    /** Problem with a proposed new password, or null when it is acceptable. */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return "password must have at least " + MIN_PASSWORD_LENGTH + " characters";
        }
        if (password.isBlank()) {
            return "password must not be blank";
        }
        return null;
    }
}
