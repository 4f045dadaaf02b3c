package io.gantry.runtime;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Jupyter server the proxy forwards to.
 *
 * @param upstream the server's origin, e.g. {@code http://127.0.0.1:41234}; requests keep their path, since Jupyter
 *                 serves under the same base path as the proxy
 * @param token the token Jupyter asks for; the proxy adds it to every request and takes it out of Jupyter's pages, so
 *              users never see it. Letters, digits, '-' and '_' only, so that it reads the same in a page as in a URL
 */
public record JupyterTarget(URI upstream, String token) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    public JupyterTarget {
        Objects.requireNonNull(upstream, "upstream");
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("A Jupyter token has letters, digits, '-' and '_' only");
        }
    }

    @Override
    public String toString() {
        return "JupyterTarget[upstream=" + upstream + "]";
    }
}
