package io.gantry;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A list's address as the browser has it: opening a view with query parameters (as a bookmark does) and the
 * addresses the view has put into the browser's history since (history.replaceState).
 */
public final class ListUrls {

    private ListUrls() {
    }

    /** Opens the view at its route with these query parameters, as a bookmark or a reload does. */
    public static void open(Class<? extends Component> view, Map<String, String> parameters) {
        UI.getCurrent().navigate(view, QueryParameters.simple(parameters));
    }

    /** The last address the page was told to show, from the JavaScript waiting to go to the browser. */
    public static String lastReplaced(String route) {
        List<String> urls = UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .filter(i -> i.getInvocation().getExpression().contains("replaceState")
                        || i.getInvocation().getExpression().contains("vaadin-navigate"))
                .flatMap(i -> i.getInvocation().getParameters().stream())
                .filter(Objects::nonNull).map(Object::toString)
                .filter(p -> p.startsWith(route))
                .toList();
        return urls.isEmpty() ? null : urls.getLast();
    }

    /** The query parameters of {@link #lastReplaced}, one value each; null if no address was replaced. */
    public static Map<String, String> lastReplacedParameters(String route) {
        String url = lastReplaced(route);
        if (url == null) {
            return null;
        }
        int question = url.indexOf('?');
        Map<String, String> parameters = new TreeMap<>();
        if (question >= 0) {
            QueryParameters.fromString(url.substring(question + 1)).getParameters()
                    .forEach((name, values) -> parameters.put(name, values.getFirst()));
        }
        return parameters;
    }
}
