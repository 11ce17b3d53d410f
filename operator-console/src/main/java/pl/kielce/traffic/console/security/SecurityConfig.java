package pl.kielce.traffic.console.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import pl.kielce.traffic.console.ConsoleProperties;

import java.time.Clock;

import static pl.kielce.traffic.console.security.Role.ADMIN;
import static pl.kielce.traffic.console.security.Role.AUDITOR;
import static pl.kielce.traffic.console.security.Role.ENFORCEMENT_OFFICER;
import static pl.kielce.traffic.console.security.Role.OPERATOR;
import static pl.kielce.traffic.console.security.Role.SUPERVISOR;

/**
 * Who may reach which URL. The table here is the single source of truth; {@code RoleMatrixTest} walks
 * every endpoint × every role against it.
 */
@Configuration
class SecurityConfig {
    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // {bcrypt} by default
    }

    @Bean
    UserDetailsService userDetailsService(UserAccounts accounts) {
        return username -> accounts.find(username).map(ConsoleUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** Lets the session registry (at most 3 sessions per user) forget sessions that time out. */
    @Bean
    org.springframework.security.web.session.HttpSessionEventPublisher httpSessionEventPublisher() {
        return new org.springframework.security.web.session.HttpSessionEventPublisher();
    }

    @Bean
    LoginThrottle loginThrottle(ConsoleProperties props, Clock clock) {
        return new LoginThrottle(props.login().maxFailures(), props.login().window(), clock);
    }

    @Bean
    LoginThrottle addressThrottle(ConsoleProperties props, Clock clock) {
        return new LoginThrottle(props.login().maxFailuresPerAddress(), props.login().window(), clock);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder,
                                            LoginThrottle loginThrottle, LoginThrottle addressThrottle) throws Exception {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        String officer = ENFORCEMENT_OFFICER.name(), supervisor = SUPERVISOR.name(), operator = OPERATOR.name();
        http.authenticationProvider(new ThrottledAuthenticationProvider(dao, loginThrottle, addressThrottle))
                .authorizeHttpRequests(a -> a
                        // async (SSE) and error dispatches of an already authorised request
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/setup", "/css/**", "/js/**", "/img/**", "/webjars/**",
                                "/favicon.ico", "/error", "/actuator/health").permitAll()
                        // aggregates only, never a plate: public and read-only
                        .requestMatchers(HttpMethod.GET, "/api/passage-counts", "/open", "/open/**", "/api/open/**").permitAll()
                        .requestMatchers("/admin/**").hasRole(ADMIN.name())
                        .requestMatchers("/audit/**", "/api/audit/**").hasRole(AUDITOR.name())
                        .requestMatchers(HttpMethod.POST, "/review/*/dispute").hasRole(supervisor)
                        .requestMatchers("/review/**", "/api/cases/**").hasAnyRole(officer, supervisor)
                        .requestMatchers("/map/**", "/api/map/**", "/api/alerts/**", "/signals/**", "/api/signals/**")
                        .hasAnyRole(operator, supervisor)
                        .requestMatchers(HttpMethod.GET, "/policy/**", "/api/policy/**")
                        .hasAnyRole(operator, supervisor, officer, AUDITOR.name())
                        .requestMatchers("/").authenticated()
                        .anyRequest().denyAll())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler((req, res, ex) -> res.sendRedirect(req.getContextPath()
                                + (ex instanceof org.springframework.security.authentication.LockedException
                                ? "/login?locked" : "/login?error"))))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                AnyRequestMatcher.INSTANCE))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()).maximumSessions(3))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(t -> t.includeSubDomains(true).maxAgeInSeconds(31536000)));
        return http.build();
    }
}
