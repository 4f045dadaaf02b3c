package io.gantry.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinSession;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.Theme;
import io.gantry.identity.ui.LoginView;
import io.gantry.identity.ui.RegisterView;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages before signing in share one frame: the switches in a header, the page centred below it. */
@OnH2
class SignedOutLayoutTest extends ViewTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"login", "register"})
    void bothPagesHaveTheLanguageAndThemeSwitchesInTheHeader(String route) {
        open(route);

        HorizontalLayout header = find(HorizontalLayout.class).withId("signed-out-header").single();
        assertThat(isInside(find(Select.class).withId("language-switch").single(), header)).isTrue();
        assertThat(isInside(find(Button.class).withId("theme-switch").single(), header)).isTrue();
        assertThat(header.getWidth()).isEqualTo("100%");
    }

    @Test
    void theLoginFormSitsInTheCentredPageBelowTheHeader() {
        open("login");

        VerticalLayout content = find(VerticalLayout.class).withId("signed-out-content").single();
        assertThat(content.getAlignItems()).isEqualTo(FlexComponent.Alignment.CENTER);
        assertThat(isInside(find(LoginForm.class).single(), content)).isTrue();
    }

    @Test
    void theRegistrationFormSharesItsHeadingsCentredColumn() {
        open("register");

        VerticalLayout content = find(VerticalLayout.class).withId("signed-out-content").single();
        RegisterView page = (RegisterView) getCurrentView();
        assertThat(content.getAlignItems()).isEqualTo(FlexComponent.Alignment.CENTER);
        assertThat(page.getParent()).contains(content);
        assertThat(page.getAlignItems()).isEqualTo(FlexComponent.Alignment.CENTER);
        // the form fills the column its heading is centred in, rather than keeping to its left
        FormLayout form = find(FormLayout.class).single();
        assertThat(form.getParent()).contains(page);
        assertThat(form.getWidth()).isEqualTo("100%");
        assertThat(find(H1.class).single().getParent()).contains(page);
    }

    @Nested
    class ThemeSwitch {

        @Test
        void showsTheBrowsersDarkSchemeWhileFollowingTheSystem() {
            open("login");
            assertThat(ThemeAndLanguage.currentTheme()).isEqualTo(Theme.SYSTEM);
            Button button = find(Button.class).withId("theme-switch").single();

            find(PreferenceSwitches.class).single().browserPrefersDark(true);

            assertThat(icon(button)).isEqualTo("vaadin:moon-o");
            assertThat(button.getAriaLabel()).contains(t("shell.theme.to-light"));

            test(button).click();

            assertThat(VaadinSession.getCurrent().getAttribute(Theme.class)).isEqualTo(Theme.LIGHT);
            assertThat(icon(button)).isEqualTo("vaadin:sun-o");
            assertThat(button.getAriaLabel()).contains(t("shell.theme.to-dark"));
        }

        @Test
        void showsTheLightSchemeOfALightBrowser() {
            open("login");
            Button button = find(Button.class).withId("theme-switch").single();

            find(PreferenceSwitches.class).single().browserPrefersDark(false);

            assertThat(icon(button)).isEqualTo("vaadin:sun-o");
            test(button).click();
            assertThat(VaadinSession.getCurrent().getAttribute(Theme.class)).isEqualTo(Theme.DARK);
            assertThat(icon(button)).isEqualTo("vaadin:moon-o");
        }

        private String icon(Button button) {
            return ((Icon) button.getIcon()).getElement().getAttribute("icon");
        }
    }

    private void open(String route) {
        VaadinSession.getCurrent().setAttribute(Theme.class, null);
        if (route.equals("login")) {
            navigate(LoginView.class);
        } else {
            navigate(RegisterView.class);
        }
    }

    private static boolean isInside(Component component, Component ancestor) {
        Optional<Component> parent = component.getParent();
        while (parent.isPresent()) {
            if (parent.get() == ancestor) {
                return true;
            }
            parent = parent.get().getParent();
        }
        return false;
    }
}
