package io.gantry.deploy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What an RBAC rule must grant for one request to the Kubernetes API: the API group ("" for the core group), the
 * resource with its subresource if any ({@code pods/log}), and the verb, as Kubernetes' authorizer derives them from
 * the method and the path (a GET names one object: get; a GET of a collection: list, or watch with {@code watch=true};
 * POST: create; PUT: update; PATCH: patch; DELETE of one: delete; of a collection: deletecollection).
 */
record ApiPermission(String group, String resource, String verb) {

    /** The permission the request needs; the path is as sent, with its query. */
    static ApiPermission of(String method, String pathWithQuery) {
        int question = pathWithQuery.indexOf('?');
        String path = question < 0 ? pathWithQuery : pathWithQuery.substring(0, question);
        String query = question < 0 ? "" : pathWithQuery.substring(question + 1);
        List<String> parts = Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toList();
        // /api/v1/... is the core group; /apis/<group>/<version>/... any other.
        int start;
        String group;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            start = 2;
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            start = 3;
        } else {
            throw new IllegalArgumentException("Not a resource path of the Kubernetes API: " + pathWithQuery);
        }
        List<String> rest = parts.subList(start, parts.size());
        // namespaces/<ns>/<resource>... is a namespaced resource; namespaces and namespaces/<ns> are the namespace.
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || rest.size() > 3) {
            throw new IllegalArgumentException("Not a resource path of the Kubernetes API: " + pathWithQuery);
        }
        String resource = rest.get(0) + (rest.size() == 3 ? "/" + rest.get(2) : "");
        boolean named = rest.size() >= 2;
        return new ApiPermission(group, resource, verb(method, named, watching(query), pathWithQuery));
    }

    private static String verb(String method, boolean named, boolean watch, String path) {
        return switch (method) {
            case "GET" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("No RBAC verb for " + method + " " + path);
        };
    }

    private static boolean watching(String query) {
        return Arrays.stream(query.split("&"))
                .map(parameter -> URLDecoder.decode(parameter, StandardCharsets.UTF_8))
                .anyMatch(parameter -> parameter.equals("watch=true") || parameter.equals("watch=1"));
    }

    @Override
    public String toString() {
        return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
    }
}
