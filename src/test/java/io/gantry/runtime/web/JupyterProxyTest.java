package io.gantry.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.identity.TestAccounts;
import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.JupyterTarget;
import io.gantry.runtime.local.JupyterServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Jupyter proxy in the whole application on a random port, in front of a real Jupyter server that only the user
 * {@link #OWNER} may open, and of a stand-in for Jupyter ({@code echo-1}) that answers with what reached it. One
 * class without nested ones, so that all its tests share one application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties =
        "spring.datasource.url=jdbc:h2:mem:jupyter-proxy;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class JupyterProxyTest {

    private static final String WORKLOAD = "container-7";
    private static final String BASE = "/jupyter/" + WORKLOAD + "/";
    private static final String OWNER = "nb.owner";
    private static final String STRANGER = "nb.stranger";
    private static final String PASSWORD = "Jupyter-Pass-42";
    private static final String TOKEN = UUID.randomUUID().toString();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ECHO_BASE = "/jupyter/echo-1/";
    private static final String ECHO_TOKEN = "echo-token";

    private static Path directory;
    private static JupyterServer jupyter;
    private static HttpServer echo;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startJupyterAndCreateAccounts(@Autowired ApplicationContext context) throws IOException {
        Assumptions.assumeTrue(JupyterServer.available(), "Jupyter Notebook 6 is not installed");
        directory = Files.createTempDirectory("jupyter-proxy");
        jupyter = JupyterServer.start(WORKLOAD, directory.resolve("work"), Map.of("LANG", "C.UTF-8"), TOKEN, BASE,
                directory.resolve("jupyter.log"));
        echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext(ECHO_BASE, JupyterProxyTest::answerWithWhatArrived);
        echo.start();
        var accounts = new TestAccounts(context);
        accounts.createWithPassword(OWNER, PASSWORD);
        accounts.createWithPassword(STRANGER, PASSWORD);
    }

    @AfterAll
    static void stopServers() throws IOException {
        if (echo != null) {
            echo.stop(0);
        }
        if (jupyter != null) {
            jupyter.close();
        }
        if (directory != null) {
            try (var paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Routes {@link #WORKLOAD} to the test's Jupyter and {@code echo-1} to the stand-in, for {@link #OWNER} only, as
     * the container feature will route its containers.
     */
    @TestConfiguration
    static class OwnerOnlyRoutes {

        /** Takes the place of the container feature's routes, which know nothing of this test's servers. */
        @Bean
        @Primary
        JupyterRoutes jupyterRoutes(ApplicationContext context) {
            SecurityContextHolderStrategy security = context.getBeanProvider(SecurityContextHolderStrategy.class)
                    .getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
            return (workload, remoteAddress) -> {
                Authentication user = security.getContext().getAuthentication();
                boolean owner = user != null && user.isAuthenticated() && OWNER.equals(user.getName());
                if (!owner || !remoteAddress.isLoopbackAddress()) {
                    return Optional.empty();
                }
                return switch (workload) {
                    case WORKLOAD -> Optional.of(new JupyterTarget(
                            URI.create("http://127.0.0.1:" + jupyter.port()), TOKEN));
                    case "echo-1" -> Optional.of(new JupyterTarget(
                            URI.create("http://127.0.0.1:" + echo.getAddress().getPort()), ECHO_TOKEN));
                    default -> Optional.empty();
                };
            };
        }
    }

    @Test
    void opensTheNotebookTreeAndListsContents() throws Exception {
        Session owner = signIn(OWNER);

        HttpResponse<String> tree = owner.get(BASE + "tree");
        assertThat(tree.statusCode()).isEqualTo(200);
        assertThat(tree.body()).contains("<title>Home Page - Select or create a notebook</title>");
        assertThat(tree.body()).doesNotContain(TOKEN);

        HttpResponse<String> contents = owner.get(BASE + "api/contents");
        assertThat(contents.statusCode()).isEqualTo(200);
        assertThat(contents.body()).contains("\"type\": \"directory\"");
    }

    @Test
    void createsANotebookWithAPost() throws Exception {
        Session owner = signIn(OWNER);

        HttpResponse<String> created = owner.send(owner.request(BASE + "api/contents")
                .header("Content-Type", "application/json")
                .header("Origin", "http://localhost:" + port)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"notebook\"}")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("Untitled");
    }

    @Test
    void talksToAKernelOverTheWebSocket() throws Exception {
        Session owner = signIn(OWNER);
        HttpResponse<String> started = owner.send(owner.request(BASE + "api/kernels")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"python3\"}")));
        assertThat(started.statusCode()).isEqualTo(201);
        String kernelId = field(started.body(), "id");

        KernelReplies replies = new KernelReplies();
        WebSocket channels = owner.webSocket(BASE + "api/kernels/" + kernelId + "/channels?session_id="
                + UUID.randomUUID(), null, replies);
        channels.sendText(kernelInfoRequest(), true).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        String reply = replies.kernelInfoReply.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(reply).contains("\"protocol_version\"");
        channels.sendClose(WebSocket.NORMAL_CLOSURE, "").get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(owner.send(owner.request(BASE + "api/kernels/" + kernelId).DELETE()).statusCode())
                .isEqualTo(204);
    }

    @Test
    void sendsTheTokenAndJupytersCookiesButNoneOfGantrys() throws Exception {
        Session owner = signIn(OWNER);
        owner.cookies.getCookieStore().add(URI.create("http://localhost:" + port + ECHO_BASE),
                jupyterCookie("_xsrf", "2|abc"));

        HttpResponse<String> echoed = owner.send(owner.request(ECHO_BASE + "api/contents?type=file")
                .header("Authorization", "Basic c29tZW9uZTpzZWNyZXQ=")
                .header("X-Real-Ip", "203.0.113.9"));

        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).contains("path: " + ECHO_BASE + "api/contents?type=file")
                .contains("authorization: token " + ECHO_TOKEN)
                .contains("cookie: _xsrf=2|abc")
                .contains("x-real-ip: 127.0.0.1")
                .doesNotContain("JSESSIONID")
                .doesNotContain("Basic")
                .doesNotContain("203.0.113.9");
    }

    @Test
    void passesJupytersCookiesBackButNoOthers() throws Exception {
        Session owner = signIn(OWNER);

        HttpResponse<String> echoed = owner.get(ECHO_BASE + "tree");

        assertThat(echoed.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("_xsrf="))
                .noneSatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=planted"));
        assertThat(echoed.headers().firstValue("X-Jupyter-Echo")).hasValue("yes");
    }

    @Test
    void streamsTheRequestBodyOn() throws Exception {
        Session owner = signIn(OWNER);
        String notebook = "x".repeat(3 * 1024 * 1024);

        HttpResponse<String> echoed = owner.send(owner.request(ECHO_BASE + "api/contents/big.ipynb")
                .PUT(HttpRequest.BodyPublishers.ofString(notebook)));

        assertThat(echoed.body()).contains("method: PUT").contains("body bytes: " + notebook.length());
    }

    @Test
    void anonymousRequestsAreSentToTheLogin() throws Exception {
        Session anonymous = new Session();

        HttpResponse<String> response = anonymous.get(BASE + "api/contents");

        assertThat(response.statusCode()).isIn(302, 401);
        if (response.statusCode() == 302) {
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
    }

    @Test
    void anonymousWebSocketsDoNotOpen() {
        Session anonymous = new Session();

        assertThatThrownBy(() -> anonymous.webSocket(BASE + "api/kernels/any/channels", null,
                new KernelReplies()))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void aWorkloadTheRoutesRefuseIsNotFound() throws Exception {
        Session stranger = signIn(STRANGER);
        Session owner = signIn(OWNER);

        assertThat(stranger.get(BASE + "api/contents").statusCode()).isEqualTo(404);
        assertThat(owner.get("/jupyter/container-8/api/contents").statusCode()).isEqualTo(404);
    }

    @Test
    void requestsFromAnotherSiteAreRefused() throws Exception {
        Session owner = signIn(OWNER);

        HttpResponse<String> crossSitePost = owner.send(owner.request(BASE + "api/contents")
                .header("Content-Type", "application/json")
                .header("Origin", "https://elsewhere.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"notebook\"}")));
        HttpResponse<String> crossSiteRead = owner.send(owner.request(BASE + "api/contents")
                .header("Sec-Fetch-Site", "cross-site")
                .header("Sec-Fetch-Mode", "no-cors"));

        assertThat(crossSitePost.statusCode()).isEqualTo(403);
        assertThat(crossSiteRead.statusCode()).isEqualTo(403);
    }

    @Test
    void webSocketsFromAnotherSiteDoNotOpen() throws Exception {
        Session owner = signIn(OWNER);

        assertThatThrownBy(() -> owner.webSocket(BASE + "api/kernels/any/channels",
                "https://elsewhere.example", new KernelReplies()))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(thrown -> assertThat(((WebSocketHandshakeException) thrown.getCause())
                        .getResponse().statusCode()).isEqualTo(403));
    }

    private Session signIn(String username) throws Exception {
        Session session = new Session();
        HttpResponse<String> login = session.send(session.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(username) + "&password="
                        + encode(PASSWORD))));
        assertThat(login.statusCode()).as("sign-in answer").isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        return session;
    }

    /** A browser-like client: its own cookies, no redirects followed. */
    private class Session {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(PATIENCE);
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(request(path));
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        WebSocket webSocket(String path, String origin, WebSocket.Listener listener)
                throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
            URI uri = URI.create("ws://localhost:" + port + path);
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            String cookieHeader = cookies.getCookieStore().get(URI.create("http://localhost:" + port + path)).stream()
                    .map(HttpCookie::toString)
                    .collect(Collectors.joining("; "));
            if (!cookieHeader.isEmpty()) {
                builder.header("Cookie", cookieHeader);
            }
            if (origin != null) {
                builder.header("Origin", origin);
            }
            return builder.buildAsync(uri, listener).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Collects a kernel's messages until its kernel_info_reply arrives. */
    private static final class KernelReplies implements WebSocket.Listener {

        final CompletableFuture<String> kernelInfoReply = new CompletableFuture<>();
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String whole = message.toString();
                message.setLength(0);
                if (whole.contains("\"msg_type\": \"kernel_info_reply\"")
                        || whole.contains("\"msg_type\":\"kernel_info_reply\"")) {
                    kernelInfoReply.complete(whole);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** The stand-in for Jupyter: answers with what reached it, and tries to set a cookie of Gantry's. */
    private static void answerWithWhatArrived(HttpExchange exchange) throws IOException {
        long bodyBytes = exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        StringBuilder text = new StringBuilder()
                .append("method: ").append(exchange.getRequestMethod()).append('\n')
                .append("path: ").append(exchange.getRequestURI()).append('\n')
                .append("body bytes: ").append(bodyBytes).append('\n');
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value ->
                text.append(name.toLowerCase(Locale.ROOT)).append(": ").append(value).append('\n')));
        exchange.getResponseHeaders().add("Set-Cookie", "_xsrf=2|fromjupyter; Path=" + ECHO_BASE);
        exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=planted; Path=/");
        exchange.getResponseHeaders().add("X-Jupyter-Echo", "yes");
        byte[] answer = text.toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static HttpCookie jupyterCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/jupyter/");
        cookie.setVersion(0);
        return cookie;
    }

    private static String kernelInfoRequest() {
        String id = UUID.randomUUID().toString();
        return """
                {"header": {"msg_id": "%s", "username": "test", "session": "%s", "msg_type": "kernel_info_request",
                 "version": "5.3", "date": "2026-01-01T00:00:00.000Z"},
                 "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": []}
                """.formatted(id, UUID.randomUUID());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
