package io.gantry.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.DomListenerRegistration;
import io.gantry.runtime.ui.BrowserEnd.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebTerminalTest extends BrowserlessTest {

    private WebTerminal screen;
    private BrowserEnd browser;

    @Override
    protected Set<String> scanPackages() {
        return Set.of(WebTerminal.class.getPackageName());
    }

    @BeforeEach
    void showScreen() {
        screen = new WebTerminal();
        browser = new BrowserEnd(screen);
        UI.getCurrent().add(screen);
    }

    @Nested
    class CallsTheWebComponent {

        @Test
        void writesTextInTheOrderGiven() {
            screen.write("first ");
            screen.write("\u001b[1msecond\u001b[0m\r\n");
            roundTrip();

            assertThat(browser.calls()).containsExactly(new Call("write", List.of("first ")),
                    new Call("write", List.of("\u001b[1msecond\u001b[0m\r\n")));
        }

        @Test
        void sendsNothingForEmptyText() {
            screen.write("");
            roundTrip();

            assertThat(browser.calls()).isEmpty();
        }

        @Test
        void focusesAndClears() {
            screen.focus();
            screen.clear();
            roundTrip();

            assertThat(browser.calls()).containsExactly(new Call("focus", List.of()), new Call("clear", List.of()));
        }
    }

    @Nested
    class ReportsWhatTheUserDoes {

        @Test
        void deliversEveryTypedPieceInOrder() {
            List<String> typed = new ArrayList<>();
            screen.addDataListener(typed::add);

            browser.type("l");
            browser.type("s");
            browser.type("\r");
            browser.type("\u001b[A");

            assertThat(typed).containsExactly("l", "s", "\r", "\u001b[A");
        }

        @Test
        void neverDebouncesTyping() {
            var registration = (DomListenerRegistration) screen.addDataListener(data -> { });

            assertThat(registration.getDebounceTimeout()).isZero();
        }

        @Test
        void deliversTheSizeInCharacters() {
            List<WebTerminal.Size> sizes = new ArrayList<>();
            screen.addResizeListener(sizes::add);

            browser.resize(120, 40);

            assertThat(sizes).containsExactly(new WebTerminal.Size(120, 40));
        }

        @Test
        void ignoresSizesNoScreenHas() {
            List<WebTerminal.Size> sizes = new ArrayList<>();
            screen.addResizeListener(sizes::add);

            browser.resize(0, 40);
            browser.resize(80, -1);
            browser.resize(1_000_000, 24);

            assertThat(sizes).isEmpty();
        }
    }
}
