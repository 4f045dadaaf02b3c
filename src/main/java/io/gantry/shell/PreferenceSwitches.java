package io.gantry.shell;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import io.gantry.identity.AccountService;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.Language;
import io.gantry.identity.Preferences;
import io.gantry.identity.Theme;

/**
 * The language switch (English, 简体中文, 繁體中文) and the light/dark switch of the app bar and the login page. A
 * signed-in user's choice is saved to their settings; a visitor's lasts for the browser session.
 */
public class PreferenceSwitches extends Composite<HorizontalLayout> {

    private final AccountService accounts;
    private final Button theme = new Button();
    private boolean browserPrefersDark;

    public PreferenceSwitches(AccountService accounts) {
        this.accounts = accounts;
        Select<Language> language = new Select<>();
        language.setItems(Language.values());
        language.setItemLabelGenerator(l -> getTranslation("language." + l.tag()));
        language.setValue(ThemeAndLanguage.currentLanguage());
        language.setAriaLabel(getTranslation("shell.language"));
        language.setId("language-switch");
        language.setWidth("9em");
        language.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                choose(ThemeAndLanguage.currentTheme(), e.getValue());
                UI.getCurrent().getPage().reload();
            }
        });

        theme.setId("theme-switch");
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        showScheme();
        theme.addClickListener(e -> {
            choose(dark() ? Theme.LIGHT : Theme.DARK, null);
            showScheme();
        });
        if (ThemeAndLanguage.currentTheme() == Theme.SYSTEM) {
            // Following the system, the scheme in force is the browser's, which only the browser knows.
            theme.getElement().executeJs("return window.matchMedia('(prefers-color-scheme: dark)').matches")
                    .then(Boolean.class, this::browserPrefersDark);
        }

        getContent().add(language, theme);
        getContent().setAlignItems(HorizontalLayout.Alignment.CENTER);
        getContent().setSpacing(false);
        getContent().addClassName("gap-s");
    }

    /** What the browser answered about its own scheme, for a user who follows it. */
    void browserPrefersDark(boolean dark) {
        browserPrefersDark = dark;
        showScheme();
    }

    /** Whether the page is dark now: by choice, or by following a browser that is. */
    private boolean dark() {
        Theme chosen = ThemeAndLanguage.currentTheme();
        return chosen == Theme.DARK || chosen == Theme.SYSTEM && browserPrefersDark;
    }

    /** The button shows the scheme in force (the moon while dark) and offers the other one. */
    private void showScheme() {
        boolean dark = dark();
        theme.setIcon((dark ? VaadinIcon.MOON_O : VaadinIcon.SUN_O).create());
        theme.setAriaLabel(getTranslation(dark ? "shell.theme.to-light" : "shell.theme.to-dark"));
        theme.setTooltipText(theme.getAriaLabel().orElse(null));
    }

    /** @param language the language chosen, or null to leave the language (and a saved "browser's") as it is */
    private void choose(Theme theme, Language language) {
        UI ui = UI.getCurrent();
        if (CurrentUser.get().isPresent()) {
            Preferences saved = accounts.preferences();
            accounts.savePreferences(new Preferences(theme, language == null ? saved.language() : language,
                    saved.refreshSeconds()));
        }
        ThemeAndLanguage.apply(ui, theme, language);
    }
}
