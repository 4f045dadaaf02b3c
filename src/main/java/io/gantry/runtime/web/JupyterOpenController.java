package io.gantry.runtime.web;

import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.WorkloadRuntime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * On Gantry's own host, for a signed-in user: {@code /jupyter-open/{workload}} sends the browser to the workload's
 * Jupyter host with a fresh ticket, when {@link JupyterRoutes#holder} lets the user in. The link on Gantry's page
 * never expires; the ticket is made at the moment it is followed.
 */
@Controller
class JupyterOpenController {

    private final JupyterHosts hosts;
    private final JupyterPasses passes;
    private final ObjectProvider<JupyterRoutes> routes;

    JupyterOpenController(JupyterHosts hosts, JupyterPasses passes, ObjectProvider<JupyterRoutes> routes) {
        this.hosts = hosts;
        this.passes = passes;
        this.routes = routes;
    }

    @GetMapping(JupyterRoutes.OPEN_PATH + "{workload}")
    void open(@PathVariable String workload, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        // Followed from Gantry's own page or typed; another site must not send the user into a notebook.
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        JupyterRoutes available = routes.getIfAvailable();
        String host;
        try {
            host = hosts.host(workload);
        } catch (IllegalArgumentException notAWorkload) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<String> holder;
        try {
            holder = available == null ? Optional.empty()
                    : available.holder(workload, InetAddress.ofLiteral(request.getRemoteAddr()));
        } catch (WorkloadRuntime.Unavailable e) {
            JupyterHostFilter.plainPage(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    JupyterHostFilter.text(request, "container.jupyter.page.unavailable"));
            return;
        }
        if (holder.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String ticket = passes.ticket(workload, holder.get());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.sendRedirect(origin(request, host) + JupyterHostFilter.TICKET_PATH + "?"
                + JupyterHostFilter.TICKET_PARAMETER + "=" + ticket);
    }

    /** The Jupyter host on the scheme and port this request came in on, as the browser reached Gantry. */
    private static String origin(HttpServletRequest request, String host) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
