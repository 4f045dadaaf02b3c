package io.gantry.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.server.VaadinSession;
import io.gantry.identity.Language;
import io.gantry.identity.Theme;
import java.util.Locale;

/**
 * The look and language of one browser session. Before login they are the browser's, or what the visitor picked on
 * the login page; after login they are the user's saved preferences.
 */
final class ThemeAndLanguage {

    private ThemeAndLanguage() {
    }

    static void apply(UI ui, Theme theme, Language language) {
        ui.getPage().setColorScheme(switch (theme) {
            case LIGHT -> ColorScheme.Value.LIGHT;
            case DARK -> ColorScheme.Value.DARK;
            case SYSTEM -> ColorScheme.Value.SYSTEM;
        });
        ui.getSession().setAttribute(Theme.class, theme);
        if (language != null && !language.locale().equals(ui.getLocale())) {
            ui.getSession().setLocale(language.locale());
            ui.setLocale(language.locale());
        }
    }

    /** The theme in force for the session: the user's or visitor's pick, otherwise the browser's. */
    static Theme currentTheme() {
        VaadinSession session = VaadinSession.getCurrent();
        Theme theme = session == null ? null : session.getAttribute(Theme.class);
        return theme == null ? Theme.SYSTEM : theme;
    }

    static Language currentLanguage() {
        UI ui = UI.getCurrent();
        Locale locale = ui == null ? Locale.ENGLISH : ui.getLocale();
        return Language.closestTo(locale);
    }
}
