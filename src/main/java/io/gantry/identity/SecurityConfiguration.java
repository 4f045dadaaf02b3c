package io.gantry.identity;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import io.gantry.audit.OperationLog;
import io.gantry.identity.ui.LoginView;
import java.security.SecureRandom;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    /** Spring Boot's liveness and readiness health groups, the only paths under /actuator open without sign-in. */
    static final String[] PROBE_PATHS = {"/actuator/health/liveness", "/actuator/health/readiness"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SignedInUsers signedInUsers, OperationLog operationLog)
            throws Exception {
        // Jupyter is not served here but on host names of its own, which a chain of their own answers first; this
        // host only sends signed-in users there with a ticket.
        // Kubernetes' probes sign in nowhere: only these two health groups are open (they say UP or DOWN, nothing
        // more), and application.yaml exposes no other actuator endpoint.
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/themes/**").permitAll()
                .requestMatchers(HttpMethod.GET, PROBE_PATHS).permitAll()
                .requestMatchers("/jupyter-open/**").authenticated());
        // Vaadin exempts the login form's POST from the CSRF token; refuse it from other sites instead.
        http.addFilterBefore(new CrossSiteLoginFilter("/login"), UsernamePasswordAuthenticationFilter.class);
        http.addFilterAfter(new SessionUserRefreshFilter(signedInUsers, new HttpSessionSecurityContextRepository()),
                SecurityContextHolderFilter.class);
        http.with(vaadin(), vaadin -> vaadin
                .loginView(LoginView.class)
                .addLogoutHandler((request, response, authentication) -> {
                    if (authentication != null) {
                        operationLog.recordAs(authentication.getName(), request.getRemoteAddr(), "auth.logout",
                                "user:" + authentication.getName(), null);
                    }
                }));
        return http.build();
    }

    /** Adaptive hashes (bcrypt by default), with the algorithm recorded in each hash so it can change later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InitialPasswords initialPasswords() {
        return new InitialPasswords(new SecureRandom());
    }

    @Bean
    LoginThrottle loginThrottle(@Value("${gantry.login-throttle.account-limit:5}") int accountLimit,
                                @Value("${gantry.login-throttle.address-limit:20}") int addressLimit,
                                @Value("${gantry.login-throttle.window:15m}") Duration window) {
        return new LoginThrottle(accountLimit, addressLimit, window);
    }
}
