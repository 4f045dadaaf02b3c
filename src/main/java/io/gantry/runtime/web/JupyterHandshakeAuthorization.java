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
        Object target = null;
        Object workload = null;
        if (request instanceof ServletServerHttpRequest servletRequest) {
            target = servletRequest.getServletRequest().getAttribute(JupyterHostFilter.TARGET);
            workload = servletRequest.getServletRequest().getAttribute(JupyterHostFilter.WORKLOAD);
        }
        if (!(target instanceof JupyterTarget checked) || !(workload instanceof String id)) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        attributes.put(JupyterWebSocketRelay.TARGET, checked);
        attributes.put(JupyterWebSocketRelay.WORKLOAD, id);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // Nothing to undo: a failed handshake opened nothing upstream.
    }
}
