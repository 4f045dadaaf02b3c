package io.gantry.runtime.web;

import io.gantry.runtime.JupyterTarget;
import io.gantry.runtime.JupyterTraffic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Relays a browser's WebSocket under {@code /jupyter/{workload}/} (a kernel's channels, a terminal) to the same path
 * on the Jupyter server {@link JupyterHandshakeAuthorization} chose, frame by frame both ways; when either side
 * closes, so does the other. An open WebSocket counts as Jupyter traffic of its workload, and so does each frame.
 */
class JupyterWebSocketRelay implements WebSocketHandler {

    static final String TARGET = JupyterTarget.class.getName();
    static final String WORKLOAD = JupyterTraffic.class.getName() + ".workload";
    private static final String UPSTREAM = WebSocket.class.getName();
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);
    /** How long Jupyter has to answer a close before the connection is dropped; dropping a closed one does nothing. */
    private static final Executor CLOSE_ANSWER_WAIT = CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS);
    private static final Logger log = LoggerFactory.getLogger(JupyterWebSocketRelay.class);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_LIMIT)
            .build();
    private final JupyterTraffic traffic;

    JupyterWebSocketRelay(JupyterTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession browser) throws Exception {
        JupyterTarget target = (JupyterTarget) browser.getAttributes().get(TARGET);
        // Counted from here until afterConnectionClosed, which follows every established connection.
        traffic.began(workload(browser));
        URI uri = upstreamUri(target, browser.getUri());
        try {
            // Waited for here, so no frame from the browser arrives before there is somewhere to send it.
            WebSocket upstream = client.newWebSocketBuilder()
                    .header("Authorization", "token " + target.token())
                    .connectTimeout(CONNECT_LIMIT)
                    .buildAsync(uri, new ToBrowser(browser, () -> traffic.passed(workload(browser))))
                    .get(CONNECT_LIMIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            browser.getAttributes().put(UPSTREAM, upstream);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Jupyter at {} refused the WebSocket {}: {}", target.upstream(), uri.getRawPath(), e.toString());
            browser.close(CloseStatus.SERVER_ERROR);
        }
    }

    @Override
    public void handleMessage(WebSocketSession browser, WebSocketMessage<?> message) throws Exception {
        WebSocket upstream = upstream(browser);
        if (upstream == null) {
            return;
        }
        traffic.passed(workload(browser));
        // One send at a time, as the JDK's WebSocket requires; waiting also passes Jupyter's pace on to the browser.
        switch (message) {
            case TextMessage text -> upstream.sendText(text.getPayload(), text.isLast()).get();
            case BinaryMessage binary -> upstream.sendBinary(binary.getPayload(), binary.isLast()).get();
            default -> {
                // Pings and pongs belong to each connection; both ends answer their own.
            }
        }
    }

    @Override
    public void handleTransportError(WebSocketSession browser, Throwable exception) {
        WebSocket upstream = upstream(browser);
        if (upstream != null) {
            upstream.abort();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession browser, CloseStatus status) {
        traffic.ended(workload(browser));
        WebSocket upstream = upstream(browser);
        if (upstream != null && !upstream.isOutputClosed()) {
            upstream.sendClose(sendable(status.getCode()), "")
                    .whenComplete((sent, error) -> CLOSE_ANSWER_WAIT.execute(upstream::abort));
        }
    }

    /** Frames of any size pass in parts, so neither side's message buffer limits what a notebook may send. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    private static String workload(WebSocketSession browser) {
        return (String) browser.getAttributes().get(WORKLOAD);
    }

    private static WebSocket upstream(WebSocketSession browser) {
        return (WebSocket) browser.getAttributes().get(UPSTREAM);
    }

    private static URI upstreamUri(JupyterTarget target, URI browserUri) {
        String origin = target.upstream().toString().replaceFirst("^http", "ws");
        String query = browserUri.getRawQuery();
        return URI.create(origin + browserUri.getRawPath() + (query == null ? "" : "?" + query));
    }

    /** Codes that only describe a connection (1005 none given, 1006 dropped, 1015 TLS) may not be sent on. */
    private static int sendable(int code) {
        boolean allowed = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011)
                || (code >= 3000 && code <= 4999);
        return allowed ? code : WebSocket.NORMAL_CLOSURE;
    }

    /** Jupyter's side: frames go on to the browser one at a time, the next asked for only once one is sent. */
    private static final class ToBrowser implements WebSocket.Listener {

        private final WebSocketSession browser;
        private final Runnable passed;
        private final StringBuilder text = new StringBuilder();

        ToBrowser(WebSocketSession browser, Runnable passed) {
            this.browser = browser;
            this.passed = passed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket upstream, CharSequence data, boolean last) {
            // Whole text messages only: a part could end inside a character the browser's side cannot encode alone.
            text.append(data);
            passed.run();
            if (last) {
                String message = text.toString();
                text.setLength(0);
                send(upstream, new TextMessage(message));
            }
            upstream.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket upstream, ByteBuffer data, boolean last) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            passed.run();
            send(upstream, new BinaryMessage(copy, last));
            upstream.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket upstream, int statusCode, String reason) {
            closeBrowser(new CloseStatus(sendable(statusCode), reason));
            return null;
        }

        @Override
        public void onError(WebSocket upstream, Throwable error) {
            log.info("WebSocket to Jupyter failed: {}", error.toString());
            closeBrowser(CloseStatus.SERVER_ERROR);
        }

        private void send(WebSocket upstream, WebSocketMessage<?> message) {
            try {
                if (browser.isOpen()) {
                    browser.sendMessage(message);
                }
            } catch (IOException e) {
                upstream.abort();
            }
        }

        private void closeBrowser(CloseStatus status) {
            try {
                if (browser.isOpen()) {
                    browser.close(status);
                }
            } catch (IOException e) {
                log.debug("Closing the browser's WebSocket failed: {}", e.toString());
            }
        }
    }
}
