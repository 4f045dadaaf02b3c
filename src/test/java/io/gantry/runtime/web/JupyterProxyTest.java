package io.gantry.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.Needs;
import io.gantry.identity.TestAccounts;
import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.JupyterTarget;
import io.gantry.runtime.JupyterTraffic;
import io.gantry.runtime.WorkloadRuntime;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
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
 * The Jupyter proxy in the whole application on a random port, on the workloads' own host names
 * ({@code container-7.jupyter.localhost}, which {@link LocalhostSubdomains} resolves here as browsers do), in front of
 * a real Jupyter server that only the user {@link #OWNER} may open, and of a stand-in for Jupyter ({@code echo-1})
 * that answers with what reached it. One class without nested ones, so that all its tests share one application.
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
        Needs.tool(Needs.Tool.JUPYTER);
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
    /** Where the workloads run cannot be asked, as when a cluster's API does not answer. */
    static final AtomicBoolean CLUSTER_UNREACHABLE = new AtomicBoolean();

    @TestConfiguration
    static class OwnerOnlyRoutes {

        /** Takes the place of the container feature's routes, which know nothing of this test's servers. */
        @Bean
        @Primary
        JupyterRoutes jupyterRoutes(ApplicationContext context) {
            SecurityContextHolderStrategy security = context.getBeanProvider(SecurityContextHolderStrategy.class)
                    .getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
            return new JupyterRoutes() {
                @Override
                public Optional<String> holder(String workload, InetAddress remoteAddress) {
                    Authentication user = security.getContext().getAuthentication();
                    String name = user != null && user.isAuthenticated() ? user.getName() : null;
                    return route(workload, name, remoteAddress).map(target -> name);
                }

                @Override
                public Optional<JupyterTarget> route(String workload, String holder, InetAddress remoteAddress) {
                    if (CLUSTER_UNREACHABLE.get()) {
                        throw new WorkloadRuntime.Unavailable("runtime.reason.unavailable", List.of("endpoints"),
                                null);
                    }
                    if (!OWNER.equals(holder) || !remoteAddress.isLoopbackAddress()) {
                        return Optional.empty();
                    }
                    return switch (workload) {
                        case WORKLOAD -> Optional.of(new JupyterTarget(
                                URI.create("http://127.0.0.1:" + jupyter.port()), TOKEN));
                        case "echo-1" -> Optional.of(new JupyterTarget(
                                URI.create("http://127.0.0.1:" + echo.getAddress().getPort()), ECHO_TOKEN));
                        default -> Optional.empty();
                    };
                }
            };
        }
    }

    @Autowired
    JupyterPasses passes;

    @Autowired
    JupyterTraffic traffic;

    @Test
    void opensTheNotebookTreeAndListsContents() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter(WORKLOAD);

        HttpResponse<String> tree = owner.onJupyter(WORKLOAD, BASE + "tree");
        assertThat(tree.statusCode()).isEqualTo(200);
        assertThat(tree.body()).contains("<title>Home Page - Select or create a notebook</title>");
        assertThat(tree.body()).doesNotContain(TOKEN);

        HttpResponse<String> contents = owner.onJupyter(WORKLOAD, BASE + "api/contents");
        assertThat(contents.statusCode()).isEqualTo(200);
        assertThat(contents.body()).contains("\"type\": \"directory\"");
    }

    @Test
    void gantrysPageLinksToATicketThatSetsAStrictHostOnlyCookieAndLeadsToTheTree() throws Exception {
        Session owner = signIn(OWNER);

        HttpResponse<String> open = owner.get("/jupyter-open/" + WORKLOAD);
        assertThat(open.statusCode()).isEqualTo(302);
        String ticketUrl = open.headers().firstValue("Location").orElseThrow();
        assertThat(ticketUrl).startsWith(jupyterOrigin(WORKLOAD) + "/.gantry/ticket?ticket=");
        HttpResponse<String> redeemed = owner.send(HttpRequest.newBuilder(URI.create(ticketUrl)).timeout(PATIENCE)
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate"));

        assertThat(redeemed.statusCode()).isEqualTo(200);
        assertThat(redeemed.body()).contains("url=" + BASE + "tree");
        assertThat(redeemed.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(redeemed.headers().allValues("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("gantry-jupyter=").contains("HttpOnly").contains("SameSite=Strict").contains("Max-Age=")
                .doesNotContainIgnoringCase("Domain="));
        assertThat(owner.send(HttpRequest.newBuilder(URI.create(ticketUrl)).timeout(PATIENCE)).statusCode())
                .as("a ticket is good once").isEqualTo(403);
    }

    @Test
    void gantrysSessionCookieIsHostOnlyAndNeverReachesTheJupyterHost() throws Exception {
        Session owner = new Session();
        HttpResponse<String> login = owner.send(owner.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(OWNER) + "&password="
                        + encode(PASSWORD))));

        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .isNotEmpty().allSatisfy(cookie -> assertThat(cookie).doesNotContainIgnoringCase("Domain="));
        assertThat(owner.cookies.getCookieStore().get(URI.create(jupyterOrigin(WORKLOAD) + BASE))).isEmpty();
        String session = owner.cookies.getCookieStore().get(URI.create("http://localhost:" + port + "/")).stream()
                .filter(c -> c.getName().equals("JSESSIONID")).findFirst().orElseThrow().getValue();
        HttpResponse<String> withGantrysSession = owner.send(HttpRequest.newBuilder(
                URI.create(jupyterOrigin(WORKLOAD) + BASE + "api/contents")).header("Cookie", "JSESSIONID=" + session));
        assertThat(withGantrysSession.statusCode()).as("Gantry's session opens nothing there").isEqualTo(403);
    }

    @Test
    void gantrysOwnHostNoLongerServesJupyter() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter(WORKLOAD);

        assertThat(owner.get(BASE + "api/contents").statusCode()).isIn(403, 404);
        assertThat(owner.get(BASE + "tree").statusCode()).isIn(403, 404);
        assertThatThrownBy(() -> owner.webSocket("ws://localhost:" + port + BASE + "api/kernels/any/channels",
                null, new KernelReplies()))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void nothingOfGantryAnswersOnAJupyterHost() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter(WORKLOAD);

        for (String path : List.of("/", "/login", "/network/keys", "/jupyter-open/" + WORKLOAD, "/jupyter/echo-1/tree",
                "/VAADIN/")) {
            assertThat(owner.onJupyter(WORKLOAD, path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void createsANotebookWithAPost() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter(WORKLOAD);

        HttpResponse<String> created = owner.send(owner.jupyterRequest(WORKLOAD, BASE + "api/contents")
                .header("Content-Type", "application/json")
                .header("Origin", jupyterOrigin(WORKLOAD))
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"notebook\"}")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("Untitled");
    }

    @Test
    void talksToAKernelOverTheWebSocket() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter(WORKLOAD);
        HttpResponse<String> started = owner.send(owner.jupyterRequest(WORKLOAD, BASE + "api/kernels")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"python3\"}")));
        assertThat(started.statusCode()).isEqualTo(201);
        String kernelId = field(started.body(), "id");

        KernelReplies replies = new KernelReplies();
        WebSocket channels = owner.webSocket(jupyterOrigin(WORKLOAD).replaceFirst("^http", "ws") + BASE
                + "api/kernels/" + kernelId + "/channels?session_id=" + UUID.randomUUID(), null, replies);
        channels.sendText(kernelInfoRequest(), true).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        String reply = replies.kernelInfoReply.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(reply).contains("\"protocol_version\"");
        channels.sendClose(WebSocket.NORMAL_CLOSURE, "").get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(owner.send(owner.jupyterRequest(WORKLOAD, BASE + "api/kernels/" + kernelId).DELETE())
                .statusCode()).isEqualTo(204);
    }

    @Test
    void proxiedRequestsAndOpenWebSocketsAreTheWorkloadsJupyterSessions() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter(WORKLOAD);
        // What the other tests of this application did is not this test's business.
        traffic.forget(WORKLOAD);
        assertThat(traffic.sessions(WORKLOAD)).isZero();
        Instant before = Instant.now();

        HttpResponse<String> started = owner.send(owner.jupyterRequest(WORKLOAD, BASE + "api/kernels")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"python3\"}")));
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(traffic.sessions(WORKLOAD)).as("a request within the last minute").isEqualTo(1);
        assertThat(traffic.last(WORKLOAD)).isAfterOrEqualTo(before);

        String kernelId = field(started.body(), "id");
        String channels = jupyterOrigin(WORKLOAD).replaceFirst("^http", "ws") + BASE + "api/kernels/" + kernelId
                + "/channels?session_id=";
        KernelReplies replies = new KernelReplies();
        WebSocket first = owner.webSocket(channels + UUID.randomUUID(), null, replies);
        WebSocket second = owner.webSocket(channels + UUID.randomUUID(), null, new KernelReplies());
        Instant opened = Instant.now();
        first.sendText(kernelInfoRequest(), true).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        replies.kernelInfoReply.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(traffic.sessions(WORKLOAD)).as("two open WebSockets").isEqualTo(2);
        assertThat(traffic.last(WORKLOAD)).as("their frames").isAfterOrEqualTo(opened);

        first.sendClose(WebSocket.NORMAL_CLOSURE, "").get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        second.sendClose(WebSocket.NORMAL_CLOSURE, "").get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> traffic.sessions(WORKLOAD) == 1);
        assertThat(owner.send(owner.jupyterRequest(WORKLOAD, BASE + "api/kernels/" + kernelId).DELETE())
                .statusCode()).isEqualTo(204);
    }

    @Test
    void sendsTheTokenAndJupytersCookiesButNoneOfGantrys() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter("echo-1");
        owner.cookies.getCookieStore().add(URI.create(jupyterOrigin("echo-1") + ECHO_BASE),
                jupyterCookie("_xsrf", "2|abc"));

        HttpResponse<String> echoed = owner.send(owner.jupyterRequest("echo-1", ECHO_BASE + "api/contents?type=file")
                .header("Authorization", "Basic c29tZW9uZTpzZWNyZXQ=")
                .header("X-Real-Ip", "203.0.113.9"));

        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).contains("path: " + ECHO_BASE + "api/contents?type=file")
                .contains("authorization: token " + ECHO_TOKEN)
                .contains("cookie: _xsrf=2|abc")
                .contains("x-real-ip: 127.0.0.1")
                .doesNotContain("gantry-jupyter")
                .doesNotContain("JSESSIONID")
                .doesNotContain("Basic")
                .doesNotContain("203.0.113.9");
    }

    @Test
    void passesJupytersCookiesBackButNoOthers() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter("echo-1");

        HttpResponse<String> echoed = owner.onJupyter("echo-1", ECHO_BASE + "tree");

        assertThat(echoed.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("_xsrf="))
                .noneSatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=planted"));
        assertThat(echoed.headers().firstValue("X-Jupyter-Echo")).hasValue("yes");
    }

    @Test
    void streamsTheRequestBodyOn() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter("echo-1");
        String notebook = "x".repeat(3 * 1024 * 1024);

        HttpResponse<String> echoed = owner.send(owner.jupyterRequest("echo-1", ECHO_BASE + "api/contents/big.ipynb")
                .PUT(HttpRequest.BodyPublishers.ofString(notebook)));

        assertThat(echoed.body()).contains("method: PUT").contains("body bytes: " + notebook.length());
    }

    @Test
    void withoutAPassNothingIsForwarded() throws Exception {
        Session anonymous = new Session();

        assertThat(anonymous.onJupyter(WORKLOAD, BASE + "api/contents").statusCode()).isEqualTo(403);
        assertThat(anonymous.get("/jupyter-open/" + WORKLOAD).statusCode()).as("Gantry's page needs a sign-in")
                .isIn(302, 401);
        assertThatThrownBy(() -> anonymous.webSocket(jupyterOrigin(WORKLOAD).replaceFirst("^http", "ws") + BASE
                + "api/kernels/any/channels", null, new KernelReplies()))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void theJupyterHostsOwnPagesSpeakTheBrowsersLanguage() throws Exception {
        Session anonymous = new Session();

        String english = "Open Jupyter from its container's page in Gantry.";
        for (Map.Entry<String, String> language : Map.of("zh-TW,zh;q=0.9", "請從 Gantry 中該容器的頁面開啟 Jupyter。",
                "zh-CN", "请从 Gantry 中该容器的页面打开 Jupyter。", "en-US", english, "fr", english).entrySet()) {
            HttpResponse<String> page = anonymous.send(anonymous.jupyterRequest(WORKLOAD, BASE + "tree")
                    .header("Accept-Language", language.getKey()));
            assertThat(page.statusCode()).isEqualTo(403);
            assertThat(page.body()).as(language.getKey()).isEqualTo(language.getValue());
        }
    }

    @Test
    void whileTheClusterDoesNotAnswerJupyterSaysSoAndOpensWhenItDoes() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter(WORKLOAD);
        CLUSTER_UNREACHABLE.set(true);
        try {
            HttpResponse<String> tree = owner.send(owner.jupyterRequest(WORKLOAD, BASE + "tree")
                    .header("Accept-Language", "en"));
            assertThat(tree.statusCode()).isEqualTo(503);
            assertThat(tree.body()).isEqualTo(
                    "The cluster running this container does not answer right now. Try again in a moment.");
            HttpResponse<String> open = owner.send(owner.request("/jupyter-open/" + WORKLOAD)
                    .header("Accept-Language", "zh-CN"));
            assertThat(open.statusCode()).isEqualTo(503);
            assertThat(open.body()).isEqualTo("运行此容器的集群暂时没有响应，请稍后再试。");
        } finally {
            CLUSTER_UNREACHABLE.set(false);
        }

        assertThat(owner.onJupyter(WORKLOAD, BASE + "api/contents").statusCode()).isEqualTo(200);
    }

    @Test
    void aWorkloadTheRoutesRefuseGetsNoTicket() throws Exception {
        Session stranger = signIn(STRANGER);
        Session owner = signIn(OWNER);

        assertThat(stranger.get("/jupyter-open/" + WORKLOAD).statusCode()).isEqualTo(404);
        assertThat(owner.get("/jupyter-open/container-8").statusCode()).isEqualTo(404);
    }

    @Test
    void aTicketForAnotherUserOrAnotherWorkloadIsRefused() throws Exception {
        Session stranger = new Session();

        HttpResponse<String> forStranger = stranger.onJupyter(WORKLOAD, "/.gantry/ticket?ticket="
                + passes.ticket(WORKLOAD, STRANGER));
        HttpResponse<String> forEcho = stranger.onJupyter(WORKLOAD, "/.gantry/ticket?ticket="
                + passes.ticket("echo-1", OWNER));
        HttpResponse<String> forged = stranger.onJupyter(WORKLOAD, "/.gantry/ticket?ticket="
                + tampered(passes.ticket(WORKLOAD, OWNER)));

        assertThat(forStranger.statusCode()).isEqualTo(403);
        assertThat(forEcho.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(stranger.cookies.getCookieStore().getCookies()).isEmpty();
    }

    @Test
    void aPassOpensOnlyTheHostOfItsOwnWorkload() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter("echo-1");
        String echoPass = owner.cookies.getCookieStore().get(URI.create(jupyterOrigin("echo-1") + "/")).stream()
                .filter(c -> c.getName().equals("gantry-jupyter")).findFirst().orElseThrow().getValue();

        HttpResponse<String> elsewhere = owner.send(HttpRequest.newBuilder(URI.create(jupyterOrigin(WORKLOAD) + BASE
                + "api/contents")).timeout(PATIENCE).header("Cookie", "gantry-jupyter=" + echoPass));

        assertThat(elsewhere.statusCode()).isEqualTo(403);
    }

    @Test
    void stateChangingGetsFromAnotherSiteOrAnotherWorkloadAreRefused() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter(WORKLOAD);

        for (String site : List.of("cross-site", "same-site")) {
            HttpResponse<String> navigation = owner.send(owner.jupyterRequest(WORKLOAD, BASE + "terminals/new")
                    .header("Sec-Fetch-Site", site).header("Sec-Fetch-Mode", "navigate"));
            assertThat(navigation.statusCode()).as(site).isEqualTo(403);
        }
        HttpResponse<String> foreignReferer = owner.send(owner.jupyterRequest(WORKLOAD, BASE + "terminals/new")
                .header("Referer", "https://elsewhere.example/page"));
        assertThat(foreignReferer.statusCode()).isEqualTo(403);
        HttpResponse<String> crossSitePost = owner.send(owner.jupyterRequest(WORKLOAD, BASE + "api/contents")
                .header("Content-Type", "application/json")
                .header("Origin", "http://echo-1.jupyter.localhost:" + port)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"notebook\"}")));
        assertThat(crossSitePost.statusCode()).isEqualTo(403);
        assertThat(owner.send(owner.jupyterRequest(WORKLOAD, BASE + "api/terminals")).body())
                .as("no terminal was opened").isEqualTo("[]");
    }

    @Test
    void webSocketsFromAnotherSiteDoNotOpen() throws Exception {
        Session owner = signIn(OWNER);
        owner.openJupyter(WORKLOAD);

        assertThatThrownBy(() -> owner.webSocket(jupyterOrigin(WORKLOAD).replaceFirst("^http", "ws") + BASE
                + "api/kernels/any/channels", "https://elsewhere.example", new KernelReplies()))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(thrown -> assertThat(((WebSocketHandshakeException) thrown.getCause())
                        .getResponse().statusCode()).isEqualTo(403));
    }

    /** The same ticket with one character of its signature changed. */
    private static String tampered(String ticket) {
        int at = ticket.indexOf('.') + 5;
        return ticket.substring(0, at) + (ticket.charAt(at) == 'A' ? 'B' : 'A') + ticket.substring(at + 1);
    }

    private String jupyterOrigin(String workload) {
        return "http://" + workload + ".jupyter.localhost:" + port;
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

    /** A browser-like client: its own cookies, kept per host, no redirects followed. */
    private class Session {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(PATIENCE);
        }

        HttpRequest.Builder jupyterRequest(String workload, String path) {
            return HttpRequest.newBuilder(URI.create(jupyterOrigin(workload) + path)).timeout(PATIENCE);
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(request(path));
        }

        HttpResponse<String> onJupyter(String workload, String path) throws IOException, InterruptedException {
            return send(jupyterRequest(workload, path));
        }

        /** Follows the container page's link: Gantry's redirect to the ticket, which leaves the pass cookie. */
        void openJupyter(String workload) throws IOException, InterruptedException {
            HttpResponse<String> open = get("/jupyter-open/" + workload);
            assertThat(open.statusCode()).as("opening " + workload).isEqualTo(302);
            HttpResponse<String> redeemed = send(HttpRequest.newBuilder(
                    URI.create(open.headers().firstValue("Location").orElseThrow())).timeout(PATIENCE));
            assertThat(redeemed.statusCode()).as("redeeming the ticket").isEqualTo(200);
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        WebSocket webSocket(String address, String origin, WebSocket.Listener listener)
                throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
            URI uri = URI.create(address);
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            String cookieHeader = cookies.getCookieStore().get(URI.create(address.replaceFirst("^ws", "http")))
                    .stream()
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
