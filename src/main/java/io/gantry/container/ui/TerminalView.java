package io.gantry.container.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import io.gantry.container.Container;
import io.gantry.container.ContainerService;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.ui.TerminalSession;
import io.gantry.runtime.ui.WebTerminal;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.net.InetAddress;

/**
 * The web terminal of a running container (AI-Stack 五.2 WebTerminal): asks for the container's terminal password,
 * then opens a shell on a PTY in the container, in the browser.
 */
@Route("containers/terminal")
@RolesAllowed(Permission.Names.CONTAINERS_USE)
public class TerminalView extends VerticalLayout implements HasUrlParameter<Long> {

    private static final int COLUMNS = 120;
    private static final int ROWS = 32;

    private final ContainerService containers;
    private long containerId;

    public TerminalView(ContainerService containers) {
        this.containers = containers;
        addClassName("gantry-page");
        setSizeFull();
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        containerId = id == null ? -1 : id;
        removeAll();
        Container container = containers.container(containerId);
        add(new H2(getTranslation("container.terminal.title", container.name())));
        PasswordField password = new PasswordField(getTranslation("container.terminal-password"));
        password.setId("terminal-password");
        Button open = new Button(getTranslation("container.terminal.connect"));
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.setId("terminal-connect");
        open.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        Button back = new Button(getTranslation("container.back"),
                e -> getUI().ifPresent(ui -> ui.navigate(ContainerDetailView.class, containerId)));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout prompt = new HorizontalLayout(password, open, back);
        prompt.setAlignItems(Alignment.BASELINE);
        add(prompt);
        open.addClickListener(e -> connect(password, prompt));
    }

    private void connect(PasswordField password, HorizontalLayout prompt) {
        password.setInvalid(false);
        try {
            WorkloadRuntime.Terminal shell = containers.openTerminal(containerId, password.getValue(),
                    clientAddress(), COLUMNS, ROWS);
            remove(prompt);
            WebTerminal terminal = new WebTerminal();
            terminal.addClassName("gantry-terminal");
            terminal.setId("web-terminal");
            add(terminal);
            setFlexGrow(1, terminal);
            TerminalSession.connect(terminal, shell);
            terminal.focus();
        } catch (UserFacingException e) {
            new FormFields().with("terminalPassword", password).show(e);
        } catch (IOException e) {
            Ui.error("container.terminal.failed");
        }
    }

    private static InetAddress clientAddress() {
        try {
            return InetAddress.getByName(VaadinRequest.getCurrent().getRemoteAddr());
        } catch (IOException e) {
            throw new IllegalStateException("The servlet container gave an address that is not one", e);
        }
    }
}
