package io.gantry.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reloads the signed-in user on every request: a deleted account's session ends at once, and a change of roles,
 * groups or the forced password change applies to the next request without a new login.
 */
class SessionUserRefreshFilter extends OncePerRequestFilter {

    private final SignedInUsers signedInUsers;
    private final SecurityContextRepository repository;

    SessionUserRefreshFilter(SignedInUsers signedInUsers, SecurityContextRepository repository) {
        this.signedInUsers = signedInUsers;
        this.repository = repository;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.getContext();
        Authentication authentication = context.getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser before) {
            Optional<SignedInUser> now = signedInUsers.byId(before.id());
            if (now.isEmpty()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else if (!now.get().equals(before)) {
                var refreshed = UsernamePasswordAuthenticationToken.authenticated(now.get(), null,
                        now.get().authorities());
                refreshed.setDetails(authentication.getDetails());
                SecurityContext updated = SecurityContextHolder.createEmptyContext();
                updated.setAuthentication(refreshed);
                SecurityContextHolder.setContext(updated);
                repository.saveContext(updated, request, response);
            }
        }
        chain.doFilter(request, response);
    }
}
