package io.gantry.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gantry.runtime.WorkloadRuntime;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.List;

/**
 * What a failed API call means: the API refused what it was sent (a 4xx answer: a name, a quota, a permission), or it
 * could not be asked (no answer, a 5xx, too many requests), when nothing should be concluded.
 */
final class ApiFailure {

    private ApiFailure() {
    }

    /** Whether the API was not reached, or answered that it cannot answer now. */
    static boolean unreachable(RuntimeException e) {
        if (!(e instanceof KubernetesClientException api)) {
            return false;
        }
        int code = api.getCode();
        return code <= 0 || code >= HttpURLConnection.HTTP_INTERNAL_ERROR || code == 429
                || hasCause(e, IOException.class);
    }

    static boolean notFound(RuntimeException e) {
        return e instanceof KubernetesClientException api && api.getCode() == HttpURLConnection.HTTP_NOT_FOUND;
    }

    static boolean conflict(RuntimeException e) {
        return e instanceof KubernetesClientException api && api.getCode() == HttpURLConnection.HTTP_CONFLICT;
    }

    /** The API's own words, without the client's wrapping. */
    static String message(RuntimeException e) {
        if (e instanceof KubernetesClientException api && api.getStatus() != null
                && api.getStatus().getMessage() != null) {
            return api.getStatus().getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return e == root || e.getMessage() == null ? message : e.getMessage();
    }

    /** The exception the SPI throws when the API cannot be asked: nothing is concluded. */
    static WorkloadRuntime.Unavailable unavailable(String what, RuntimeException e) {
        return new WorkloadRuntime.Unavailable("runtime.reason.unavailable", List.of(what + ": " + message(e)), e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
