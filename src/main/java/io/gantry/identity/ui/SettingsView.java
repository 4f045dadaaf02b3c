package io.gantry.identity.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Route;
import io.gantry.identity.AccountService;
import io.gantry.identity.Language;
import io.gantry.identity.Preferences;
import io.gantry.identity.Theme;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.PageSection;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.PermitAll;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Personal settings (Apulis 3.14 "Personal Config", AI-Stack 八.8): theme, language, data refresh interval. */
@Route("account/settings")
@PermitAll
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.settings", icon = "vaadin:cog", order = 2)
public class SettingsView extends VerticalLayout {

    /** Stands for "the browser's language" in the language list. */
    private static final String BROWSER = "browser";

    private final RadioButtonGroup<Theme> theme = new RadioButtonGroup<>();
    private final Select<String> language = new Select<>();
    private final Select<Integer> refresh = new Select<>();
    private final FormFields formFields = new FormFields().with("refreshSeconds", refresh);

    public SettingsView(AccountService accounts, List<PageSection> sections) {
        addClassName("gantry-page");
        add(new H2(getTranslation("menu.settings")));
        Preferences current = accounts.preferences();

        theme.setLabel(getTranslation("settings.theme"));
        theme.setItems(Theme.values());
        theme.setItemLabelGenerator(t -> getTranslation("settings.theme." + t.name().toLowerCase()));
        theme.setValue(current.theme());
        theme.setId("theme");

        language.setLabel(getTranslation("settings.language"));
        language.setItems(java.util.stream.Stream.concat(java.util.stream.Stream.of(BROWSER),
                Arrays.stream(Language.values()).map(Language::tag)).toList());
        language.setItemLabelGenerator(tag -> getTranslation(BROWSER.equals(tag) ? "settings.language.browser"
                : "language." + tag));
        language.setValue(current.language() == null ? BROWSER : current.language().tag());
        language.setId("language");

        refresh.setLabel(getTranslation("settings.refresh"));
        refresh.setItems(Arrays.stream(Preferences.REFRESH_CHOICES).boxed().toList());
        refresh.setItemLabelGenerator(s -> s == 0 ? getTranslation("settings.refresh.off")
                : getTranslation("settings.refresh.seconds", s));
        refresh.setValue(current.refreshSeconds());
        refresh.setHelperText(getTranslation("settings.refresh.help"));
        refresh.setId("refresh");

        Button save = new Button(getTranslation("action.save"), e -> {
            Language chosen = Optional.ofNullable(language.getValue()).flatMap(Language::ofTag).orElse(null);
            try {
                accounts.savePreferences(new Preferences(theme.getValue(), chosen, refresh.getValue()));
                Ui.success("settings.saved");
                UI ui = UI.getCurrent();
                // Reload so that every component is rendered again in the chosen language and theme.
                ui.getPage().reload();
            } catch (InvalidInput problems) {
                formFields.show(problems);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-settings");
        FormLayout form = new FormLayout(theme, language, refresh);
        form.setMaxWidth("40em");
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form, save);
        sections.stream().filter(section -> section.page() == PageSection.Page.SETTINGS)
                .forEach(section -> section.create(null).ifPresent(this::add));
    }
}
