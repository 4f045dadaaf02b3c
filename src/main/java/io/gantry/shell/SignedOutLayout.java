package io.gantry.shell;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.gantry.identity.AccountService;

/**
 * The frame of the pages one sees before signing in (login, registration): a header with the name and the language
 * and theme switches, and the page itself centred below it, so that both pages look and switch alike.
 */
@AnonymousAllowed
public class SignedOutLayout extends VerticalLayout implements RouterLayout {

    private final VerticalLayout content = new VerticalLayout();

    public SignedOutLayout(AccountService accounts) {
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        addClassName("gantry-login");

        Span name = new Span(getTranslation("app.name"));
        name.addClassName("gantry-brand");
        HorizontalLayout header = new HorizontalLayout(name, new PreferenceSwitches(accounts));
        header.setId("signed-out-header");
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.addClassName("gantry-navbar");

        content.setId("signed-out-content");
        content.setAlignItems(FlexComponent.Alignment.CENTER);
        add(header, content);
        setFlexGrow(1, content);
    }

    @Override
    public void showRouterLayoutContent(HasElement page) {
        content.getElement().appendChild(page.getElement());
    }
}
