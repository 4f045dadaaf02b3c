package io.gantry.identity.ui;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.LoginThrottledException;
import io.gantry.shared.ui.Formats;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.WebAttributes;
import tools.jackson.databind.JsonNode;

@OnH2
class LoginViewTest extends ViewTestSupport {

    @Test
    void theSignInFormPostsToTheLoginEndpointWithoutAnError() {
        navigate(LoginView.class);

        LoginForm form = find(LoginForm.class).single();
        assertThat(form.getAction()).isEqualTo("login");
        assertThat(form.isError()).isFalse();
    }

    @Test
    void aFailedSignInShowsTheFailureMessage() {
        LoginForm form = openAfterAFailedSignIn();
        assertThat(form.isError()).isTrue();
        assertThat(errorMessage(form, "title")).isEqualTo(t("login.failed.title"));
        assertThat(errorMessage(form, "message")).isEqualTo(t("login.failed.message"));
    }

    @Test
    void aThrottledSignInSaysWhenToTryAgain() {
        LoginThrottledException throttled = throttledSignIn(uniqueName("locked"));
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, throttled);

        LoginForm form = openAfterAFailedSignIn();
        assertThat(form.isError()).isTrue();
        assertThat(errorMessage(form, "title")).isEqualTo(t("login.throttled.title"));
        assertThat(errorMessage(form, "message"))
                .isEqualTo(t("login.throttled.account", Formats.dateTime(throttled.retryAt())));
    }

    /** Spring Security sends a failed sign-in back to the login page with an "error" parameter. */
    private LoginForm openAfterAFailedSignIn() {
        UI.getCurrent().navigate(LoginView.class, QueryParameters.of("error", ""));
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        return find(LoginForm.class).single();
    }

    /** Fails to sign in with a wrong password until the account is locked; returns the refusal. */
    private LoginThrottledException throttledSignIn(String username) {
        AuthenticationProvider provider = context.getBean(AuthenticationProvider.class);
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, "Wrong-Pass-1"));
            } catch (LoginThrottledException throttled) {
                return throttled;
            } catch (BadCredentialsException expected) {
                // not locked yet
            }
        }
        return fail("The account was never locked");
    }

    /** The login form keeps its texts in its i18n property, which the browser reads. */
    private static String errorMessage(LoginForm form, String part) {
        JsonNode i18n = (JsonNode) form.getElement().getPropertyRaw("i18n");
        return i18n.path("errorMessage").path(part).asString();
    }
}
