package io.gantry.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.Language;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.ui.ChangePasswordView;
import io.gantry.identity.ui.LoginView;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * On every navigation: applies the signed-in user's theme and language, and sends a user who still has an initial
 * password to change it first. Learns the browser's time zone once per session so that times are shown in it.
 */
@Component
class AccountUiListener implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        // Before login the browser's language applies, mapped to the closest one Gantry speaks.
        event.getSource().addSessionInitListener(init -> init.getSession()
                .setLocale(Language.closestTo(init.getRequest().getLocale()).locale()));
        event.getSource().addUIInitListener(init -> {
            UI ui = init.getUI();
            String zone = ui.getPage().getExtendedClientDetails() == null ? null
                    : ui.getPage().getExtendedClientDetails().getTimeZoneId();
            if (zone != null && !zone.isBlank() && ZoneId.getAvailableZoneIds().contains(zone)) {
                ui.getSession().setAttribute(ZoneId.class, ZoneId.of(zone));
            }
            ui.addBeforeEnterListener(AccountUiListener::beforeEnter);
        });
    }

    private static Language browserLanguage() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request == null ? null : Language.closestTo(request.getLocale());
    }

    static void beforeEnter(BeforeEnterEvent event) {
        UI ui = event.getUI();
        SignedInUser user = CurrentUser.get().orElse(null);
        if (user == null) {
            ThemeAndLanguage.apply(ui, ThemeAndLanguage.currentTheme(), null);
            return;
        }
        // A saved "browser's language" must undo a language the session took from an earlier choice.
        Language language = user.preferences().language();
        ThemeAndLanguage.apply(ui, user.preferences().theme(), language != null ? language : browserLanguage());
        if (user.mustChangePassword() && event.getNavigationTarget() != ChangePasswordView.class
                && event.getNavigationTarget() != LoginView.class) {
            event.forwardTo(ChangePasswordView.class);
        }
    }
}
