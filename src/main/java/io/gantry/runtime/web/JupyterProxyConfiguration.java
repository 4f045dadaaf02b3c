package io.gantry.runtime.web;

import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.JupyterTraffic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Jupyter on host names of its own ({@code gantry.jupyter.host}): requests to such a host pass through a security
 * chain of their own, ahead of Gantry's, with no session, no login and no CSRF token of Gantry's, only the
 * {@link JupyterHostFilter}'s checks; then to {@link JupyterProxyController}, or to the WebSocket relay, which are
 * mapped ahead of the other controllers so that upgrades are not taken for plain requests.
 */
@Configuration(proxyBeanMethods = false)
class JupyterProxyConfiguration {

    @Bean
    JupyterHosts jupyterHosts(@Value("${gantry.jupyter.host:{id}.jupyter.localhost}") String pattern,
                              @Value("${server.servlet.session.cookie.domain:}") String sessionCookieDomain) {
        JupyterHosts hosts = new JupyterHosts(pattern);
        if (hosts.reachedByCookiesOf(sessionCookieDomain)) {
            throw new IllegalStateException("server.servlet.session.cookie.domain=" + sessionCookieDomain
                    + " would send Gantry's session cookie to the Jupyter hosts (" + pattern + "); leave it unset"
                    + " so that the session cookie stays on Gantry's own host name");
        }
        return hosts;
    }

    @Bean
    JupyterPasses jupyterPasses(Clock clock, @Value("${gantry.jupyter.ticket-lifetime:60s}") Duration ticket,
                                @Value("${gantry.jupyter.pass-lifetime:30m}") Duration pass) {
        return new JupyterPasses(clock, ticket, pass);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain jupyterHostChain(HttpSecurity http, JupyterHosts hosts, JupyterPasses passes,
                                         ObjectProvider<JupyterRoutes> routes, Clock clock) throws Exception {
        http.securityMatcher(request -> hosts.workload(request.getServerName()).isPresent())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .formLogin(login -> login.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                // Jupyter's pages send Jupyter's xsrf token, not Spring's; the filter refuses other origins instead.
                .csrf(csrf -> csrf.disable())
                // Jupyter sets its own headers for its pages; Spring's no-cache would only slow its scripts down.
                .headers(headers -> headers.cacheControl(cache -> cache.disable())
                        .frameOptions(frames -> frames.sameOrigin()))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .addFilterBefore(new JupyterHostFilter(hosts, passes, routes, clock), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    WebSocketHandlerMapping jupyterWebSocketMapping(JupyterTraffic traffic) {
        var relay = new WebSocketHttpRequestHandler(new JupyterWebSocketRelay(traffic), new DefaultHandshakeHandler());
        // The Origin check first: Jupyter skips its own for requests with its token, which the relay always sends.
        relay.setHandshakeInterceptors(List.of(new OriginHandshakeInterceptor(), new JupyterHandshakeAuthorization()));
        var mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of(JupyterRequests.PREFIX + "**", relay));
        mapping.setWebSocketUpgradeMatch(true);
        mapping.setOrder(-1);
        return mapping;
    }
}
