package io.gantry.runtime.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.JacksonUtils;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * The browser's side of a {@link WebTerminal} in a browserless test: sends the events the web component sends, and
 * collects the calls the server makes on it, in the order the browser would run them.
 */
final class BrowserEnd {

    /** A call of one of the component's functions, as the server sends it: the element is {@code $0}. */
    private static final Pattern FUNCTION_CALL = Pattern.compile("\\$0\\.(\\w+)\\(");

    record Call(String function, List<Object> arguments) {
    }

    private final WebTerminal screen;
    private final List<Call> calls = new ArrayList<>();

    BrowserEnd(WebTerminal screen) {
        this.screen = screen;
    }

    /** What xterm.js reports for keys typed or text pasted (Enter arrives as a carriage return). */
    void type(String data) {
        ObjectNode detail = JacksonUtils.createObjectNode();
        detail.put("event.detail.data", data);
        fire("terminal-data", detail);
    }

    /** What the component reports when its size in characters changes. */
    void resize(int columns, int rows) {
        ObjectNode detail = JacksonUtils.createObjectNode();
        detail.put("event.detail.cols", columns);
        detail.put("event.detail.rows", rows);
        fire("terminal-resize", detail);
    }

    private void fire(String type, ObjectNode data) {
        screen.getElement().getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(screen.getElement(), type, data));
    }

    /** Every call the server has made on the component so far, oldest first. */
    List<Call> calls() {
        for (PendingJavaScriptInvocation invocation : UI.getCurrent().getInternals()
                .dumpPendingJavaScriptInvocations()) {
            List<Object> parameters = invocation.getInvocation().getParameters();
            Matcher call = FUNCTION_CALL.matcher(invocation.getInvocation().getExpression());
            if (call.find() && !parameters.isEmpty() && parameters.getFirst() == screen.getElement()) {
                calls.add(new Call(call.group(1), List.copyOf(parameters.subList(1, parameters.size()))));
            }
        }
        return List.copyOf(calls);
    }

    /** The calls of {@code write}: each one travels in a round trip or a push of its own or shares one. */
    List<String> writes() {
        return calls().stream().filter(c -> c.function().equals("write"))
                .map(c -> (String) c.arguments().getFirst()).toList();
    }

    /** Everything written to the screen so far. */
    String written() {
        return String.join("", writes());
    }

    /** The lines written so far, without the terminal's carriage returns. */
    List<String> lines() {
        return written().replace("\r", "").lines().toList();
    }
}
