package pl.kielce.traffic.console.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import pl.kielce.traffic.console.ConsoleTest;
import pl.kielce.traffic.console.TestUsers;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static pl.kielce.traffic.console.security.Role.ADMIN;
import static pl.kielce.traffic.console.security.Role.AUDITOR;
import static pl.kielce.traffic.console.security.Role.ENFORCEMENT_OFFICER;
import static pl.kielce.traffic.console.security.Role.OPERATOR;
import static pl.kielce.traffic.console.security.Role.SUPERVISOR;

/**
 * Every endpoint × every role (and anonymous) against the intended matrix. A second test fails when an
 * endpoint exists that the matrix does not list, so a new endpoint cannot slip in unchecked.
 */
class RoleMatrixTest extends ConsoleTest {
    /** null roles = public. */
    record Endpoint(HttpMethod method, String pattern, String example, Set<Role> roles, String body) {
        boolean api() {
            return example.startsWith("/api/");
        }
    }

    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    static final Set<Role> REVIEWERS = EnumSet.of(ENFORCEMENT_OFFICER, SUPERVISOR);
    static final Set<Role> OPERATORS = EnumSet.of(OPERATOR, SUPERVISOR);
    static final Set<Role> POLICY_READERS = EnumSet.of(OPERATOR, SUPERVISOR, ENFORCEMENT_OFFICER, AUDITOR);
    static final String JSON_ACTION = "{\"action\":\"CONFIRM\"}";

    static final List<Endpoint> MATRIX = List.of(
            get("/", "/", ALL),
            get("/login", "/login", null),
            get("/setup", "/setup", null),
            post("/setup", "/setup?token=wrong&username=abc&displayName=x&password=short", null),
            get("/api/passage-counts", "/api/passage-counts", null),
            get("/audit", "/audit", EnumSet.of(AUDITOR)),
            get("/api/audit", "/api/audit", EnumSet.of(AUDITOR)),
            get("/admin/users", "/admin/users", EnumSet.of(ADMIN)),
            post("/admin/users", "/admin/users?username=x&displayName=x&password=short", EnumSet.of(ADMIN)),
            post("/admin/users/{username}/enabled", "/admin/users/nobody-here/enabled?enabled=false", EnumSet.of(ADMIN)),
            get("/review", "/review", REVIEWERS),
            get("/review/{id}", "/review/no-such-case", REVIEWERS),
            get("/review/{id}/evidence/{n}", "/review/no-such-case/evidence/0", REVIEWERS),
            get("/review/{id}/evidence/{n}/crop", "/review/no-such-case/evidence/0/crop", REVIEWERS),
            get("/review/{id}/notice.pdf", "/review/no-such-case/notice.pdf", REVIEWERS),
            post("/review/{id}/action", "/review/no-such-case/action?action=CONFIRM", REVIEWERS),
            post("/review/{id}/dispute", "/review/no-such-case/dispute?decision=CONFIRM", EnumSet.of(SUPERVISOR)),
            get("/api/cases", "/api/cases", REVIEWERS),
            get("/api/cases/{id}", "/api/cases/no-such-case", REVIEWERS),
            new Endpoint(HttpMethod.POST, "/api/cases/{id}/actions", "/api/cases/no-such-case/actions", REVIEWERS, JSON_ACTION),
            get("/map", "/map", OPERATORS),
            get("/api/map/layers/{name}", "/api/map/layers/cameras", OPERATORS),
            get("/api/map/stream", "/api/map/stream", OPERATORS),
            get("/api/alerts", "/api/alerts", OPERATORS),
            new Endpoint(HttpMethod.POST, "/api/alerts/{id}/ack", "/api/alerts/no-such-alert/ack", OPERATORS, "{}"),
            get("/signals", "/signals", OPERATORS),
            post("/signals/{planId}/approve", "/signals/no-such-plan/approve", OPERATORS),
            post("/signals/{planId}/reject", "/signals/no-such-plan/reject?comment=x", OPERATORS),
            get("/policy", "/policy", POLICY_READERS),
            get("/api/policy/what-if", "/api/policy/what-if", POLICY_READERS),
            get("/open", "/open", null),
            get("/api/open/passages", "/api/open/passages", null),
            get("/api/open/passages.csv", "/api/open/passages.csv", null),
            get("/api/open/compliance", "/api/open/compliance", null),
            get("/api/open/compliance.csv", "/api/open/compliance.csv", null),
            get("/api/open/cameras.geojson", "/api/open/cameras.geojson", null)
    );

    static Endpoint get(String pattern, String example, Set<Role> roles) {
        return new Endpoint(HttpMethod.GET, pattern, example, roles, null);
    }

    static Endpoint post(String pattern, String example, Set<Role> roles) {
        return new Endpoint(HttpMethod.POST, pattern, example, roles, null);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    UserDetailsService users;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @BeforeEach
    void users() {
        TestUsers.ensureAll(accounts);
    }

    @Test
    void everyEndpointTimesEveryRoleMatchesTheMatrix() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checks = 0;
        for (Endpoint e : MATRIX) {
            // anonymous
            MvcResult anon = mvc.perform(build(e)).andReturn();
            checks++;
            int s = anon.getResponse().getStatus();
            if (e.roles() == null) {
                if (s == 401 || s == 403 || redirectsToLogin(anon)) {
                    wrong.add("anonymous should reach " + e.method() + " " + e.example() + " but got " + s);
                }
            } else if (e.api() ? s != 401 : !redirectsToLogin(anon)) {
                wrong.add("anonymous should be refused at " + e.method() + " " + e.example() + " but got " + s
                        + " " + anon.getResponse().getRedirectedUrl());
            }
            for (Role role : Role.values()) {
                MvcResult r = mvc.perform(build(e).with(user(TestUsers.details(users, role)))).andReturn();
                checks++;
                int st = r.getResponse().getStatus();
                boolean allowed = e.roles() == null || e.roles().contains(role);
                if (allowed && (st == 401 || st == 403 || redirectsToLogin(r))) {
                    wrong.add(role + " should reach " + e.method() + " " + e.example() + " but got " + st);
                }
                if (!allowed && st != 403) {
                    wrong.add(role + " should get 403 at " + e.method() + " " + e.example() + " but got " + st);
                }
            }
        }
        assertThat(wrong).as("role matrix violations").isEmpty();
        assertThat(checks).isEqualTo(MATRIX.size() * (Role.values().length + 1));
    }

    @Test
    void theMatrixListsEveryEndpointOfTheApp() {
        Set<String> listed = new TreeSet<>();
        MATRIX.forEach(e -> listed.add(e.method() + " " + e.pattern()));
        Set<String> actual = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String p : info.getPatternValues()) {
                if (p.equals("/error")) {
                    continue; // Boot's error page
                }
                Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (var m : methods) {
                    actual.add(m.name() + " " + p);
                }
            }
        }
        assertThat(listed).as("endpoints in the matrix").containsExactlyInAnyOrderElementsOf(actual);
    }

    @Test
    void postsWithoutACsrfTokenAreRefused() throws Exception {
        MvcResult r = mvc.perform(request(HttpMethod.POST, "/review/no-such-case/action?action=CONFIRM")
                .with(user(TestUsers.details(users, ENFORCEMENT_OFFICER)))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(403);
    }

    private static boolean redirectsToLogin(MvcResult r) {
        String to = r.getResponse().getRedirectedUrl();
        return r.getResponse().getStatus() == 302 && to != null && to.contains("/login");
    }

    private static MockHttpServletRequestBuilder build(Endpoint e) {
        MockHttpServletRequestBuilder b = request(e.method(), e.example());
        if (e.method() != HttpMethod.GET) {
            b = b.with(csrf());
        }
        if (e.body() != null) {
            b = b.contentType(MediaType.APPLICATION_JSON).content(e.body());
        }
        return b;
    }
}
