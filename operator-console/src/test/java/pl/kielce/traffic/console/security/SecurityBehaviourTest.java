package pl.kielce.traffic.console.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import pl.kielce.traffic.console.ConsoleTest;
import pl.kielce.traffic.console.TestUsers;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/** Login against the bcrypt users in PostgreSQL, throttling, headers, setup token, audit immutability. */
class SecurityBehaviourTest extends ConsoleTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aStoredUserLogsInWithTheRightPasswordOnly() throws Exception {
        TestUsers.ensure(accounts, "t-login-ok", Role.OPERATOR);
        mvc.perform(formLogin("/login").user("t-login-ok").password(TestUsers.PASSWORD)).andExpect(redirectedUrl("/"));
        mvc.perform(formLogin("/login").user("t-login-ok").password("wrong password!")).andExpect(redirectedUrl("/login?error"));
        assertThat(accounts.find("t-login-ok").orElseThrow().passwordHash()).startsWith("{bcrypt}$2");
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        TestUsers.ensure(accounts, "t-throttled", Role.OPERATOR);
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user("t-throttled").password("guess " + i)).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin("/login").user("t-throttled").password(TestUsers.PASSWORD)).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void pagesCarrySecureHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", SecurityConfig.CSP))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
    }

    @Test
    void theLoginFormHasACsrfToken() throws Exception {
        MvcResult r = mvc.perform(get("/login").session(new MockHttpSession())).andReturn();
        assertThat(r.getResponse().getContentAsString()).contains("name=\"_csrf\"");
    }

    @Test
    void noDefaultAdminExistsOutsideTheDemoProfile() {
        assertThat(accounts.list()).noneMatch(u -> u.demo());
        assertThat(accounts.find("admin")).isEmpty();
    }

    @Test
    void theAuditLogRefusesUpdatesAndDeletes() {
        jdbc.update("INSERT INTO console_audit_log (at, actor, action, subject_type, subject_id) VALUES (now(), 't', 'TEST', 'x', 'y')");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("UPDATE console_audit_log SET actor = 'mallory'"))
                .hasStackTraceContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("DELETE FROM console_audit_log"))
                .hasStackTraceContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.execute("TRUNCATE console_audit_log"))
                .hasStackTraceContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM console_audit_log WHERE actor = 'mallory'", Integer.class)).isZero();
    }

    @Test
    void sessionsTimeOutAfterTwentyMinutes(@Autowired org.springframework.core.env.Environment env) {
        assertThat(env.getProperty("server.servlet.session.timeout")).isEqualTo("20m");
        assertThat(Map.of("same-site", env.getProperty("server.servlet.session.cookie.same-site"))).containsEntry("same-site", "strict");
    }
}
