package io.gantry.identity.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.VaadinSession;
import io.gantry.identity.LoginThrottledException;
import io.gantry.shared.ui.Formats;
import io.gantry.shell.SignedOutLayout;
import org.springframework.security.web.WebAttributes;

/** The login page (Apulis 3.1, AI-Stack 二), with a link to registration; the switches are in its layout's header. */
@Route(value = "login", layout = SignedOutLayout.class)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();

    public LoginView() {
        setSizeUndefined();
        setAlignItems(FlexComponent.Alignment.CENTER);

        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n(null));
        RouterLink register = new RouterLink(getTranslation("login.register"), RegisterView.class);
        register.setId("register-link");
        add(new H1(getTranslation("app.name")), form, register);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            form.setI18n(i18n(lastFailure()));
            form.setError(true);
        }
    }

    private LoginI18n i18n(Exception failure) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        if (failure instanceof LoginThrottledException throttled) {
            error.setTitle(getTranslation("login.throttled.title"));
            error.setMessage(getTranslation("login.throttled." + throttled.reason().name().toLowerCase(),
                    Formats.dateTime(throttled.retryAt())));
        } else {
            error.setTitle(getTranslation("login.failed.title"));
            error.setMessage(getTranslation("login.failed.message"));
        }
        error.setUsername(getTranslation("field.required"));
        error.setPassword(getTranslation("field.required"));
        return i18n;
    }

    /** Spring Security keeps the reason of the last failed login in the session. */
    private static Exception lastFailure() {
        VaadinSession session = VaadinSession.getCurrent();
        Object failure = session == null ? null : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        return failure instanceof Exception e ? e : null;
    }
}
