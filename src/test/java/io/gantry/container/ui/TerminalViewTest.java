package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.PasswordField;
import io.gantry.OnH2;
import io.gantry.container.Container;
import io.gantry.runtime.ui.WebTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The web terminal's password prompt; typing into the terminal is a browser journey's business. */
@OnH2
class TerminalViewTest extends ContainerViewTestSupport {

    @AfterEach
    void leaveTheTerminal() {
        // Leaving the page closes the shell before its container stops.
        navigate(ContainersView.class);
    }

    @Test
    void aWrongPasswordIsRefusedOnItsFieldAndTheRightOneOpensTheTerminal() {
        Container container = running("shell");
        navigate(TerminalView.class, container.id());

        fill(PasswordField.class, "terminal-password", "Wrong-Pass-1");
        click("terminal-connect");

        PasswordField password = find(PasswordField.class).withId("terminal-password").single();
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).isEqualTo(t("container.terminal.wrong-password"));
        assertThat(find(WebTerminal.class).exists()).isFalse();

        fill(PasswordField.class, "terminal-password", TERMINAL_PASSWORD);
        click("terminal-connect");

        assertThat(find(WebTerminal.class).withId("web-terminal").single().isAttached()).isTrue();
        assertThat(find(PasswordField.class).withId("terminal-password").exists()).isFalse();
    }

    @Test
    void anUnknownContainerShowsTheNotFoundPage() {
        assertNotFound(TerminalView.class, Long.MAX_VALUE, "container");
        assertThat(find(PasswordField.class).exists()).isFalse();
    }
}
