package io.gantry.runtime.web;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host names on which workloads' Jupyter servers are served, one per workload, from a pattern such as
 * {@code {id}.jupyter.example.org}: a name of its own keeps Gantry's session cookie (host-only) away from Jupyter's
 * pages, and each workload's name keeps one notebook's cookies and scripts away from another's.
 */
final class JupyterHosts {

    static final String PLACEHOLDER = "{id}";
    /** Workload ids as the runtimes make them ("container-12"): one DNS label. */
    private static final String LABEL = "([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)";

    private final String pattern;
    private final String domain;
    private final Pattern matcher;

    JupyterHosts(String pattern) {
        String normalised = pattern == null ? "" : pattern.strip().toLowerCase(Locale.ROOT);
        int at = normalised.indexOf(PLACEHOLDER);
        if (at < 0 || normalised.indexOf(PLACEHOLDER, at + 1) >= 0 || normalised.contains(":")
                || normalised.contains("/")) {
            throw new IllegalArgumentException("gantry.jupyter.host must be a host name with " + PLACEHOLDER
                    + " once and no port, e.g. " + PLACEHOLDER + ".jupyter.example.org; was: " + pattern);
        }
        String before = normalised.substring(0, at);
        String after = normalised.substring(at + PLACEHOLDER.length());
        if (after.isEmpty() || !after.startsWith(".") || !before.isEmpty() && !before.endsWith(".")) {
            throw new IllegalArgumentException("gantry.jupyter.host must give " + PLACEHOLDER
                    + " a label of its own under a domain, e.g. " + PLACEHOLDER + ".jupyter.example.org; was: "
                    + pattern);
        }
        this.pattern = normalised;
        this.domain = after.substring(1);
        this.matcher = Pattern.compile(Pattern.quote(before) + LABEL + Pattern.quote(after));
    }

    /**
     * Whether a cookie for this domain (a {@code Domain} attribute) would reach the Jupyter hosts, as Gantry's session
     * cookie must never do.
     */
    boolean reachedByCookiesOf(String cookieDomain) {
        if (cookieDomain == null || cookieDomain.isBlank()) {
            return false;
        }
        String parent = cookieDomain.strip().toLowerCase(Locale.ROOT);
        parent = parent.startsWith(".") ? parent.substring(1) : parent;
        return domain.equals(parent) || domain.endsWith("." + parent);
    }

    /** The workload a host name (without port) belongs to, or empty for any other name. */
    Optional<String> workload(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        Matcher match = matcher.matcher(name);
        return match.matches() ? Optional.of(match.group(1)) : Optional.empty();
    }

    /** The host name of a workload's Jupyter. */
    String host(String workload) {
        if (workload(pattern.replace(PLACEHOLDER, workload)).filter(workload::equals).isEmpty()) {
            throw new IllegalArgumentException("Not a workload id that fits a host name: " + workload);
        }
        return pattern.replace(PLACEHOLDER, workload);
    }
}
