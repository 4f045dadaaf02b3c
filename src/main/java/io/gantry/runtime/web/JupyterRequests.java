package io.gantry.runtime.web;

import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.JupyterTarget;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.util.UriUtils;

/** What the HTTP proxy and the WebSocket relay both ask of a request under {@code /jupyter/}. */
final class JupyterRequests {

    static final String PREFIX = "/jupyter/";

    private JupyterRequests() {
    }

    /** Where the signed-in user of this request may go, or empty when there is no such route for them. */
    static Optional<JupyterTarget> route(ObjectProvider<JupyterRoutes> routes, HttpServletRequest request) {
        JupyterRoutes available = routes.getIfAvailable();
        Optional<String> workload = workload(request);
        if (available == null || workload.isEmpty()) {
            return Optional.empty();
        }
        // The servlet container gives the address as a literal, so no name lookup happens here.
        return available.route(workload.get(), InetAddress.ofLiteral(request.getRemoteAddr()));
    }

    /** The first path segment after {@code /jupyter/}, decoded. */
    static Optional<String> workload(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', PREFIX.length());
        String segment = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
        return segment.isEmpty() ? Optional.empty() : Optional.of(UriUtils.decode(segment, StandardCharsets.UTF_8));
    }
}
