package io.gantry.runtime.web;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests other sites make a browser send to Gantry's Jupyter proxy. Jupyter has such checks of its own (its
 * xsrf cookie, the Origin and Referer headers) but skips them for requests that carry its token, and the proxy adds
 * the token to every request, so the proxy checks in Jupyter's place.
 *
 * <p>Refused: anything a browser marks as coming from another origin (Fetch Metadata), except a plain navigation to
 * a page, and any request that may change something whose Origin is another one (for browsers without Fetch
 * Metadata). Requests without these headers do not come from a page of another site and pass.
 */
final class JupyterOriginCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OTHER_ORIGIN_SITES = Set.of("cross-site", "same-site");

    private JupyterOriginCheck() {
    }

    /**
     * @param ownOrigin Gantry's origin as this request reached it, e.g. {@code https://gantry.example.com}
     * @param origin the {@code Origin} header, or null
     * @param fetchSite the {@code Sec-Fetch-Site} header, or null
     * @param fetchMode the {@code Sec-Fetch-Mode} header, or null
     */
    static boolean allows(String method, URI ownOrigin, String origin, String fetchSite, String fetchMode) {
        String upperMethod = method.toUpperCase(Locale.ROOT);
        if (fetchSite != null && OTHER_ORIGIN_SITES.contains(fetchSite.toLowerCase(Locale.ROOT))) {
            return "GET".equals(upperMethod) && "navigate".equalsIgnoreCase(fetchMode);
        }
        return SAFE_METHODS.contains(upperMethod) || origin == null || sameOrigin(ownOrigin, origin);
    }

    private static boolean sameOrigin(URI own, String origin) {
        URI other;
        try {
            other = new URI(origin.strip());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        return other.getScheme() != null && other.getHost() != null
                && other.getScheme().equalsIgnoreCase(own.getScheme())
                && other.getHost().equalsIgnoreCase(own.getHost())
                && port(other) == port(own);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
