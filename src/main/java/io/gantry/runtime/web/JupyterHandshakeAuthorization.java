package io.gantry.runtime.web;

import io.gantry.runtime.JupyterTarget;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Lets a WebSocket under {@code /jupyter/{workload}/} open only where {@link JupyterHostFilter} let the request
 * through (on the workload's Jupyter host, with a valid pass), and hands the server it chose to
 * {@link JupyterWebSocketRelay}. On Gantry's own host nothing opens.
 */
class JupyterHandshakeAuthorization implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        Object target = request instanceof ServletServerHttpRequest servletRequest
                ? servletRequest.getServletRequest().getAttribute(JupyterHostFilter.TARGET)
                : null;
        if (!(target instanceof JupyterTarget checked)) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        attributes.put(JupyterWebSocketRelay.TARGET, checked);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // Nothing to undo: a failed handshake opened nothing upstream.
    }
}
