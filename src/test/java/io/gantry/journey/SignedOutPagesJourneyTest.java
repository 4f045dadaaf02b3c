package io.gantry.journey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages before signing in, in a real Chromium whose system is in dark mode: the theme button shows the dark
 * scheme in force, the switches sit in the header of both pages, and the registration form is centred under its
 * heading instead of keeping to the left edge.
 */
@JourneyTest
class SignedOutPagesJourneyTest {

    @LocalServerPort
    int port;

    @Test
    void bothPagesShareTheHeaderAndTheThemeButtonShowsTheBrowsersDarkScheme() {
        try (Browser browser = new Browser("http://localhost:" + port + "/", "en-US")) {
            browser.preferDarkScheme();
            browser.open("login");
            browser.waitUntilTrue("the theme button shows the moon of the dark scheme in force",
                    "return document.querySelector('#theme-switch vaadin-icon').getAttribute('icon') === 'vaadin:moon-o'");
            assertThat(browser.colorScheme()).contains("dark");
            assertSwitchesInTheHeader(browser);
            browser.screenshot("signed-out-login-dark");

            browser.open("register");
            assertSwitchesInTheHeader(browser);
            Number headingMiddle = (Number) browser.evaluate(middle("h1"));
            Number formMiddle = (Number) browser.evaluate(middle("vaadin-form-layout"));
            Number formLeft = (Number) browser.evaluate(
                    "return document.querySelector('vaadin-form-layout').getBoundingClientRect().left");
            assertThat(formMiddle.doubleValue()).isCloseTo(headingMiddle.doubleValue(),
                    org.assertj.core.data.Offset.offset(2.0));
            assertThat(formLeft.doubleValue()).as("the form keeps off the left edge").isGreaterThan(300);
            browser.screenshot("signed-out-register-dark");
        }
    }

    private static void assertSwitchesInTheHeader(Browser browser) {
        for (String id : new String[] {"#language-switch", "#theme-switch"}) {
            Number top = (Number) browser.evaluate(
                    "return document.querySelector('" + id + "').getBoundingClientRect().top");
            assertThat(top.doubleValue()).as(id + " in the header").isLessThan(80);
            assertThat(browser.find("#signed-out-header " + id)).isNotNull();
        }
    }

    private static String middle(String css) {
        return "const r = document.querySelector('" + css + "').getBoundingClientRect(); return r.left + r.width / 2;";
    }
}
