package io.gantry.runtime.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.function.Consumer;

/**
 * A terminal screen in the browser (xterm.js): shows what the server writes and reports what the user types and the
 * size of the window that fits the component. It knows nothing of shells; {@link TerminalSession} connects one.
 */
@Tag("gantry-terminal")
@NpmPackage(value = "@xterm/xterm", version = "5.5.0")
@NpmPackage(value = "@xterm/addon-fit", version = "0.10.0")
@JsModule("./components/gantry-terminal.ts")
public class WebTerminal extends Component implements HasSize {

    /** Browsers never need more; anything beyond is a broken or hostile client and is ignored. */
    private static final int MAX_DIMENSION = 10_000;

    /** The window in characters, as the shell sees it. */
    public record Size(int columns, int rows) {
    }

    /** Shows text as a terminal does: control sequences (colours, cursor moves, line endings) are interpreted. */
    public void write(String text) {
        if (!text.isEmpty()) {
            getElement().callJsFunction("write", text);
        }
    }

    /** Clears the scrollback and the screen, keeping the line the cursor is on. */
    public void clear() {
        getElement().callJsFunction("clear");
    }

    /** Puts the keyboard focus on the terminal, so that typing goes to it. */
    public void focus() {
        getElement().callJsFunction("focus");
    }

    /**
     * Receives what the user types or pastes, as the terminal encodes it (Enter is a carriage return, arrows are
     * escape sequences). Every event reaches the server, in order: typing must never be merged or dropped.
     */
    public Registration addDataListener(Consumer<String> listener) {
        return getElement().addEventListener("terminal-data",
                        event -> listener.accept(event.getEventData().get("event.detail.data").asString()))
                .addEventData("event.detail.data");
    }

    /** Receives the size that fits the component: once when it is first shown, then on every change. */
    public Registration addResizeListener(Consumer<Size> listener) {
        return getElement().addEventListener("terminal-resize", event -> {
                    int columns = event.getEventData().get("event.detail.cols").asInt();
                    int rows = event.getEventData().get("event.detail.rows").asInt();
                    if (columns > 0 && rows > 0 && columns <= MAX_DIMENSION && rows <= MAX_DIMENSION) {
                        listener.accept(new Size(columns, rows));
                    }
                })
                .addEventData("event.detail.cols")
                .addEventData("event.detail.rows");
    }
}
