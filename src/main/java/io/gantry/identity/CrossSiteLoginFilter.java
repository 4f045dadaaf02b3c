package io.gantry.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in posted from another site (login CSRF: a foreign page signs the victim's browser into the
 * attacker's account, so that what the victim then does lands there). Vaadin's security configuration exempts the
 * login form's POST from Spring's CSRF token, since Vaadin's login form posts a plain form without one; the browser's
 * own statement of where the form came from is checked instead. {@code Sec-Fetch-Site} must say "same-origin"
 * (another port or sub-domain of the same site, such as a container's web app, is not Gantry); without it, an
 * {@code Origin} must name this host. A request with neither comes from no browser and cannot be a login CSRF.
 */
class CrossSiteLoginFilter extends OncePerRequestFilter {

    private final String loginPath;

    CrossSiteLoginFilter(String loginPath) {
        this.loginPath = loginPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equalsIgnoreCase(request.getMethod()) || !loginPath.equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (crossSite(request)) {
            // Not sendError: the error page it forwards to would send the unauthenticated browser to /login.
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Cross-site sign-in refused");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return !"same-origin".equalsIgnoreCase(fetchSite.strip());
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = request.getHeader("Host");
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null || host == null) {
                return true;
            }
            String authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            return !authority.toLowerCase(Locale.ROOT).equals(withoutDefaultPort(host, uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static String withoutDefaultPort(String host, String scheme) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if ("http".equalsIgnoreCase(scheme) && lower.endsWith(":80")) {
            return lower.substring(0, lower.length() - 3);
        }
        if ("https".equalsIgnoreCase(scheme) && lower.endsWith(":443")) {
            return lower.substring(0, lower.length() - 4);
        }
        return lower;
    }
}
