package io.gantry.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every view: Lumo in the browser's colour scheme until a user's choice applies. Server push is on
 * because pages show what happens elsewhere as it happens: a terminal's output, a workload's log.
 */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("themes/gantry/styles.css")
@ColorScheme(ColorScheme.Value.SYSTEM)
@Push
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Gantry");
        // Served from META-INF/resources/icons, a path Vaadin's security configuration leaves open to everyone.
        settings.addFavIcon("icon", "icons/favicon.svg", "any");
    }
}
