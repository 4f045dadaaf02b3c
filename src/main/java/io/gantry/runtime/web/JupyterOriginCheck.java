package io.gantry.runtime.web;

import java.net.URI;
import java.util.Locale;

/**
 * Refuses requests other sites make a browser send to a workload's Jupyter host. Jupyter has such checks of its own
 * (its xsrf cookie, the Origin and Referer headers) but skips them for requests that carry its token, and the proxy
 * adds the token to every request, so the proxy checks in Jupyter's place.
 *
 * <p>Only the Jupyter host's own pages, and addresses typed or bookmarked, may reach it: Jupyter answers some GETs by
 * changing things ({@code /terminals/new} opens a terminal), so even a plain navigation from another site, or from
 * another workload's Jupyter host (the same site), is refused. Browsers without Fetch Metadata are held to the
 * Origin and Referer they send. Requests without any of these headers do not come from a page and pass. The only
 * way in from elsewhere is the ticket exchange, which does nothing but set its cookie.
 */
final class JupyterOriginCheck {

    private JupyterOriginCheck() {
    }

    /**
     * @param ownOrigin the Jupyter host's origin as this request reached it, e.g. {@code https://c-1.jupyter.example.org}
     * @param origin the {@code Origin} header, or null
     * @param referer the {@code Referer} header, or null
     * @param fetchSite the {@code Sec-Fetch-Site} header, or null
     */
    static boolean allows(URI ownOrigin, String origin, String referer, String fetchSite) {
        if (fetchSite != null) {
            String site = fetchSite.strip().toLowerCase(Locale.ROOT);
            if (!site.equals("same-origin") && !site.equals("none")) {
                return false;
            }
        }
        return (origin == null || sameOrigin(ownOrigin, origin)) && (referer == null || sameOrigin(ownOrigin, referer));
    }

    private static boolean sameOrigin(URI own, String address) {
        URI other;
        try {
            other = new URI(address.strip());
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
