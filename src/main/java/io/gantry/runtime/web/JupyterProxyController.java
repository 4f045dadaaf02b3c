package io.gantry.runtime.web;

import io.gantry.runtime.JupyterTarget;
import io.gantry.runtime.JupyterTraffic;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Gantry's reverse proxy to the Jupyter servers of running workloads: {@code /jupyter/{workload}/**} on the
 * workload's own Jupyter host is forwarded, path included, to the server {@link JupyterHostFilter} checked and chose,
 * with Jupyter's token added. WebSocket upgrades go to {@link JupyterWebSocketRelay}. Each request counts as
 * Jupyter traffic of its workload while it lasts ({@link JupyterTraffic}).
 */
@Controller
class JupyterProxyController {

    private static final Logger log = LoggerFactory.getLogger(JupyterProxyController.class);

    /** Headers of one connection only (RFC 9110 section 7.6.1), never forwarded either way. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    /**
     * Request headers the proxy sets itself or leaves out: the HTTP client writes Host, Content-Length and Expect;
     * Authorization and Cookie carry Gantry's credentials, which Jupyter, running the users' code, must never see; the
     * address headers Jupyter trusts are written anew so that nobody can claim another address; and pages must come
     * back uncompressed for the token to be taken out of them (compression over loopback saves nothing anyway).
     */
    private static final Set<String> REPLACED_REQUEST_HEADERS = Set.of("host", "content-length", "expect",
            "authorization", "cookie", "x-real-ip", "x-forwarded-for", "x-forwarded-proto", "x-scheme",
            "accept-encoding");

    /** Response headers the servlet container writes itself. */
    private static final Set<String> REPLACED_RESPONSE_HEADERS = Set.of("content-length", "date", "server");

    private static final int BUFFER_SIZE = 64 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final JupyterTraffic traffic;

    JupyterProxyController(JupyterTraffic traffic) {
        this.traffic = traffic;
    }

    @RequestMapping(JupyterRequests.PREFIX + "{workload}/**")
    void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Set only by the Jupyter host's filter once every check passed; on Gantry's own host there is no Jupyter.
        if (!(request.getAttribute(JupyterHostFilter.TARGET) instanceof JupyterTarget target)
                || !(request.getAttribute(JupyterHostFilter.WORKLOAD) instanceof String workload)) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        traffic.began(workload);
        try {
            forward(request, target, response);
        } finally {
            traffic.ended(workload);
        }
    }

    private void forward(HttpServletRequest request, JupyterTarget target, HttpServletResponse response)
            throws IOException {
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(upstreamRequest(request, target), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            log.warn("Jupyter at {} did not answer {} {}: {}", target.upstream(), request.getMethod(),
                    request.getRequestURI(), e.toString());
            response.setStatus(HttpServletResponse.SC_BAD_GATEWAY);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        copyResponse(answer, target, response);
    }

    private static HttpRequest upstreamRequest(HttpServletRequest request, JupyterTarget target) {
        String query = request.getQueryString();
        URI uri = URI.create(target.upstream() + request.getRequestURI() + (query == null ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(request.getMethod(), body(request));
        Set<String> connectionScoped = connectionScoped(request.getHeaders("Connection"));
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || REPLACED_REQUEST_HEADERS.contains(lower)
                    || connectionScoped.contains(lower)) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                builder.header(name, value);
            }
        }
        String jupyterCookies = Collections.list(request.getHeaders("Cookie")).stream()
                .flatMap(header -> Arrays.stream(header.split(";")))
                .map(String::strip)
                .filter(cookie -> isJupyterCookie(cookieName(cookie)))
                .collect(Collectors.joining("; "));
        if (!jupyterCookies.isEmpty()) {
            builder.header("Cookie", jupyterCookies);
        }
        return builder
                .header("Authorization", "token " + target.token())
                .header("X-Real-Ip", request.getRemoteAddr())
                .header("X-Forwarded-Proto", request.getScheme())
                .build();
    }

    private static BodyPublisher body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length <= 0 && request.getHeader("Transfer-Encoding") == null) {
            return BodyPublishers.noBody();
        }
        // Streamed, not read into memory: uploads can be as large as notebooks are.
        BodyPublisher stream = BodyPublishers.ofInputStream(() -> {
            try {
                return request.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return length > 0 ? BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private static void copyResponse(HttpResponse<InputStream> answer, JupyterTarget target,
                                     HttpServletResponse response) throws IOException {
        response.setStatus(answer.statusCode());
        Set<String> connectionScoped = connectionScoped(answer.headers().allValues("Connection"));
        String upstream = target.upstream().toString();
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || REPLACED_RESPONSE_HEADERS.contains(lower)
                    || connectionScoped.contains(lower) || lower.startsWith(":")) {
                return;
            }
            for (String value : values) {
                if (lower.equals("set-cookie") && !isJupyterCookie(cookieName(value))) {
                    continue;
                }
                // Jupyter redirects by path; should it ever name its own address, the browser must not see it.
                String forwarded = lower.equals("location") && value.startsWith(upstream)
                        ? value.substring(upstream.length()) : value;
                response.addHeader(name, forwarded);
            }
        });
        try (InputStream body = answer.body()) {
            if (isPage(answer)) {
                byte[] page = withoutToken(body.readAllBytes(), target.token());
                response.setContentLength(page.length);
                response.getOutputStream().write(page);
            } else {
                answer.headers().firstValueAsLong("Content-Length").ifPresent(response::setContentLengthLong);
                stream(body, response.getOutputStream());
            }
        }
    }

    private static void stream(InputStream body, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        int read;
        while ((read = body.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            // Whatever has arrived goes on at once, so a slow or endless answer streams instead of stalling.
            if (body.available() == 0) {
                out.flush();
            }
        }
    }

    /** Jupyter's HTML pages, uncompressed: small, and the only answers in which Jupyter writes its token. */
    private static boolean isPage(HttpResponse<?> answer) {
        return answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("text/html")
                && answer.headers().firstValue("Content-Encoding").isEmpty();
    }

    /**
     * A page Jupyter renders for a token-authenticated request names the token (for its scripts and its logo's link);
     * the browser does not need it, since the proxy adds it to every request, and users must not learn it.
     */
    private static byte[] withoutToken(byte[] page, String token) {
        // Latin-1 maps every byte to one character and back, so the page's own encoding is kept exactly.
        return new String(page, StandardCharsets.ISO_8859_1).replace(token, "").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Jupyter's own cookies, the only ones passed either way: its xsrf cookie, which its pages read, and its login
     * cookie ({@code username-<host>-<port>}). Gantry's session cookie never reaches Jupyter, and Jupyter cannot set
     * cookies of Gantry's.
     */
    private static boolean isJupyterCookie(String name) {
        return name.equals("_xsrf") || name.startsWith("username-");
    }

    /** The name in a Cookie pair or a Set-Cookie header. */
    private static String cookieName(String cookie) {
        int equals = cookie.indexOf('=');
        return equals < 0 ? "" : cookie.substring(0, equals).strip();
    }

    /** Headers that a Connection header names as meant for this connection only. */
    private static Set<String> connectionScoped(Enumeration<String> connection) {
        return connectionScoped(Collections.list(connection));
    }

    private static Set<String> connectionScoped(List<String> connection) {
        return connection.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(token -> token.strip().toLowerCase(Locale.ROOT))
                .filter(token -> !token.isEmpty())
                .collect(Collectors.toSet());
    }
}
