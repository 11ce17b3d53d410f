package pl.kielce.traffic.console.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Users and roles in PostgreSQL ({@code console_users}, {@code console_user_roles}). */
@Repository
public class UserAccounts {
    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    UserAccounts(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    public Optional<UserAccount> find(String username) {
        return all(" WHERE u.username = ?", username).stream().findFirst();
    }

    public List<UserAccount> list() {
        return all("", (Object[]) new Object[0]);
    }

    public boolean anyAdmin() {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM console_user_roles r JOIN console_users u USING (username)"
                + " WHERE r.role = 'ADMIN' AND u.enabled AND NOT u.demo", Integer.class);
        return n != null && n > 0;
    }

    /** Creates a user; throws {@link IllegalArgumentException} naming the problem. */
    @Transactional
    public UserAccount create(String username, String displayName, String rawPassword, Set<Role> roles, boolean demo,
                              String createdBy) {
        String problem = UserAccount.passwordProblem(rawPassword);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        UserAccount account = new UserAccount(username, displayName, encoder.encode(rawPassword), true, demo, roles);
        if (find(username).isPresent()) {
            throw new IllegalArgumentException("username '" + username + "' is taken");
        }
        jdbc.update("INSERT INTO console_users (username, display_name, password_hash, enabled, demo, created_by)"
                + " VALUES (?, ?, ?, true, ?, ?)", username, displayName, account.passwordHash(), demo, createdBy);
        for (Role role : account.roles()) {
            jdbc.update("INSERT INTO console_user_roles (username, role) VALUES (?, ?)", username, role.name());
        }
        return account;
    }

    /** Sets a new password (demo users get fresh ones at every demo start). */
    public void setPassword(String username, String rawPassword) {
        String problem = UserAccount.passwordProblem(rawPassword);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        jdbc.update("UPDATE console_users SET password_hash = ? WHERE username = ?", encoder.encode(rawPassword), username);
    }

    public void setEnabled(String username, boolean enabled) {
        jdbc.update("UPDATE console_users SET enabled = ? WHERE username = ?", enabled, username);
    }

    private List<UserAccount> all(String where, Object... args) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        jdbc.query("SELECT u.username, u.display_name, u.password_hash, u.enabled, u.demo, r.role FROM console_users u"
                + " LEFT JOIN console_user_roles r USING (username)" + where + " ORDER BY u.username, r.role", rs -> {
            String name = rs.getString(1);
            rows.putIfAbsent(name, new Object[]{rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)});
            Set<Role> set = roles.computeIfAbsent(name, k -> EnumSet.noneOf(Role.class));
            String role = rs.getString(6);
            if (role != null) {
                set.add(Role.valueOf(role));
            }
        }, args);
        List<UserAccount> out = new ArrayList<>();
        rows.forEach((name, r) -> {
            Set<Role> rs = roles.get(name);
            if (!rs.isEmpty()) {
                out.add(new UserAccount(name, (String) r[0], (String) r[1], (Boolean) r[2], (Boolean) r[3], rs));
            }
        });
        return out;
    }
}
