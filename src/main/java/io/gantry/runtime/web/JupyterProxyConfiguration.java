package io.gantry.runtime.web;

import io.gantry.runtime.JupyterRoutes;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * The WebSocket half of the Jupyter proxy. WebSocket upgrades under {@code /jupyter/} are mapped ahead of the
 * controllers, which would otherwise take them for plain requests; every other request there goes on to
 * {@link JupyterProxyController}.
 */
@Configuration(proxyBeanMethods = false)
class JupyterProxyConfiguration {

    @Bean
    WebSocketHandlerMapping jupyterWebSocketMapping(ObjectProvider<JupyterRoutes> routes) {
        var relay = new WebSocketHttpRequestHandler(new JupyterWebSocketRelay(), new DefaultHandshakeHandler());
        // The Origin check first: Jupyter skips its own for requests with its token, which the relay always sends.
        relay.setHandshakeInterceptors(List.of(new OriginHandshakeInterceptor(),
                new JupyterHandshakeAuthorization(routes)));
        var mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of(JupyterRequests.PREFIX + "**", relay));
        mapping.setWebSocketUpgradeMatch(true);
        mapping.setOrder(-1);
        return mapping;
    }
}
