package io.gantry.runtime.web;

import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.JupyterTarget;
import io.gantry.runtime.WorkloadRuntime;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.ResourceBundle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The only door of a workload's Jupyter host: it redeems tickets for a pass cookie, refuses requests from other
 * origins, checks the pass and, through {@link JupyterRoutes#route}, whether its holder may still reach the workload,
 * and only then lets the request on to the proxy with the chosen server ({@link #TARGET}). Nothing else of Gantry
 * answers on a Jupyter host.
 */
final class JupyterHostFilter extends OncePerRequestFilter {

    /** The request attribute that carries the checked {@link JupyterTarget} to the proxy and the WebSocket relay. */
    static final String TARGET = JupyterHostFilter.class.getName() + ".target";
    /** The request attribute that names the workload whose {@link #TARGET} it is, for {@code JupyterTraffic}. */
    static final String WORKLOAD = JupyterHostFilter.class.getName() + ".workload";
    /** Outside Jupyter's base path, so that Jupyter never sees it and no Jupyter page can be mistaken for it. */
    static final String TICKET_PATH = "/.gantry/ticket";
    static final String TICKET_PARAMETER = "ticket";
    static final String COOKIE = "gantry-jupyter";

    private final JupyterHosts hosts;
    private final JupyterPasses passes;
    private final ObjectProvider<JupyterRoutes> routes;
    private final Clock clock;

    JupyterHostFilter(JupyterHosts hosts, JupyterPasses passes, ObjectProvider<JupyterRoutes> routes, Clock clock) {
        this.hosts = hosts;
        this.passes = passes;
        this.routes = routes;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            filter(request, response, chain);
        } catch (WorkloadRuntime.Unavailable e) {
            // Where the workload runs cannot be asked now (a cluster's API unreachable): no route, and no error page.
            if (!response.isCommitted()) {
                plainPage(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        text(request, "container.jupyter.page.unavailable"));
            }
        }
    }

    private void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> workload = hosts.workload(request.getServerName());
        JupyterRoutes available = routes.getIfAvailable();
        if (workload.isEmpty() || available == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // The servlet container gives the address as a literal, so no name lookup happens here.
        InetAddress from = InetAddress.ofLiteral(request.getRemoteAddr());
        if (path.equals(TICKET_PATH)) {
            redeem(request, response, workload.get(), from, available);
            return;
        }
        if (!path.startsWith(JupyterRequests.PREFIX + workload.get() + "/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (!JupyterOriginCheck.allows(ownOrigin(request), request.getHeader("Origin"), request.getHeader("Referer"),
                request.getHeader("Sec-Fetch-Site"))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        Optional<JupyterPasses.Holder> holder = pass(request, workload.get());
        if (holder.isEmpty()) {
            plainPage(response, HttpServletResponse.SC_FORBIDDEN,
                    text(request, "container.jupyter.page.open-from-gantry"));
            return;
        }
        Optional<JupyterTarget> target = available.route(workload.get(), holder.get().holder(), from);
        if (target.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // A pass in use is renewed once half its time has gone; the checks above run on every request regardless.
        if (Duration.between(clock.instant(), holder.get().expires()).compareTo(passes.passLifetime().dividedBy(2))
                < 0) {
            setPass(request, response, workload.get(), holder.get().holder());
        }
        request.setAttribute(TARGET, target.get());
        request.setAttribute(WORKLOAD, workload.get());
        chain.doFilter(request, response);
    }

    /**
     * Redeems a ticket: sets the pass cookie and sends the browser on to the notebook tree by a page of this host, so
     * that the tree is opened from this origin (a redirect would carry on the other site's navigation). Nothing else.
     */
    private void redeem(HttpServletRequest request, HttpServletResponse response, String workload, InetAddress from,
                        JupyterRoutes available) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Optional<JupyterPasses.Holder> holder = passes.redeem(workload, request.getParameter(TICKET_PARAMETER))
                .filter(redeemed -> available.route(workload, redeemed.holder(), from).isPresent());
        if (holder.isEmpty()) {
            plainPage(response, HttpServletResponse.SC_FORBIDDEN, text(request, "container.jupyter.page.link-used"));
            return;
        }
        setPass(request, response, workload, holder.get().holder());
        String tree = JupyterRequests.PREFIX + workload + "/tree";
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        // The ticket is in this page's address: it must not travel on in a Referer.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        byte[] page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0; url=" + tree + "\"><title>Jupyter</title></head>"
                + "<body><a href=\"" + tree + "\">Jupyter</a></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    private void setPass(HttpServletRequest request, HttpServletResponse response, String workload, String holder) {
        // Host-only (no Domain), so that no other workload's host receives it; Strict, so no other site sends it.
        ResponseCookie cookie = ResponseCookie.from(COOKIE, passes.pass(workload, holder))
                .path("/")
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Strict")
                .maxAge(passes.passLifetime())
                .build();
        response.addHeader("Set-Cookie", cookie.toString());
    }

    private Optional<JupyterPasses.Holder> pass(HttpServletRequest request, String workload) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        // A sibling host may plant a cookie of this name for the parent domain; only a pass signed for this workload
        // counts, so each one present is tried.
        return Arrays.stream(cookies)
                .filter(cookie -> COOKIE.equals(cookie.getName()))
                .map(cookie -> passes.check(workload, cookie.getValue()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * A text of the bundles in the language the browser asks for: a Jupyter host has no Gantry session that would
     * know the user's own choice. English where none of the three matches.
     */
    static String text(HttpServletRequest request, String key) {
        ResourceBundle bundle = ResourceBundle.getBundle("vaadin-i18n.translations", request.getLocale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new MessageFormat(bundle.getString(key), request.getLocale()).format(new Object[0]);
    }

    static void plainPage(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static URI ownOrigin(HttpServletRequest request) {
        return URI.create(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
    }
}
