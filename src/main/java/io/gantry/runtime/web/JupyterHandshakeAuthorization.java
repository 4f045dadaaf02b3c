package io.gantry.runtime.web;

import io.gantry.runtime.JupyterRoutes;
import io.gantry.runtime.JupyterTarget;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Lets a WebSocket under {@code /jupyter/{workload}/} open only where {@link JupyterRoutes} lets the signed-in user
 * go, as the HTTP proxy does, and hands the chosen server to {@link JupyterWebSocketRelay}.
 */
class JupyterHandshakeAuthorization implements HandshakeInterceptor {

    private final ObjectProvider<JupyterRoutes> routes;

    JupyterHandshakeAuthorization(ObjectProvider<JupyterRoutes> routes) {
        this.routes = routes;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        Optional<JupyterTarget> target = request instanceof ServletServerHttpRequest servletRequest
                ? JupyterRequests.route(routes, servletRequest.getServletRequest())
                : Optional.empty();
        if (target.isEmpty()) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        attributes.put(JupyterWebSocketRelay.TARGET, target.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // Nothing to undo: a failed handshake opened nothing upstream.
    }
}
