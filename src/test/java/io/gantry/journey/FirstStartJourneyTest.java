package io.gantry.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.identity.AccountService;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The first journey, in a real Chromium: a fresh Gantry prints its administrator login; the administrator signs in,
 * must choose a password, creates two users in one wizard; one of them signs in, must change the initial password,
 * switches to Simplified Chinese and dark mode, and finds both again after signing out and in.
 */
@ExtendWith(OutputCaptureExtension.class)
@JourneyTest
// An application of its own, so that this is its first start whichever journey runs first.
@TestPropertySource(properties =
        "spring.datasource.url=jdbc:h2:mem:first-start-journey;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
class FirstStartJourneyTest {

    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

    @LocalServerPort
    int port;

    @Test
    void adminCreatesTwoUsersAndOneOfThemKeepsChineseAndDarkMode(CapturedOutput output) throws IOException {
        Matcher printed = PRINTED_PASSWORD.matcher(output.getAll());
        assertThat(printed.find()).as("the first start prints the administrator's login").isTrue();
        String adminInitialPassword = printed.group(1);
        Properties simplifiedChinese = bundle("_zh_CN");

        String firstUserPassword;
        try (Browser admin = new Browser("http://localhost:" + port + "/", "en-US")) {
            admin.open("login");
            admin.screenshot("01-login");
            admin.signIn("admin", adminInitialPassword);

            admin.waitForPath("account/password");
            admin.find("#forced-change");
            changePassword(admin, adminInitialPassword, "Chosen-Pass-81");
            admin.waitForText("Welcome");
            admin.screenshot("02-home-admin");

            admin.open("admin/users/new");
            admin.type("#username-0", "lin.wei");
            admin.type("#nickname-0", "Lin Wei");
            admin.click("#add-row");
            admin.type("#username-1", "chen.yu");
            admin.type("#nickname-1", "Chen Yu");
            admin.screenshot("03-wizard-user-info");
            admin.click("#next");
            admin.find("#roles");
            admin.click("#next");
            admin.find("#password-0");
            admin.screenshot("04-wizard-confirm");
            firstUserPassword = admin.find("#password-0 input").getDomProperty("value");
            admin.click("#submit");
            admin.waitForText("2 users created");
            admin.screenshot("05-users-created");
            admin.click("#done");
            admin.waitForPath("admin/users");
            admin.waitForText("chen.yu");
            admin.screenshot("06-user-list");
        }

        try (Browser user = new Browser("http://localhost:" + port + "/", "en-US")) {
            user.open("login");
            user.signIn("lin.wei", firstUserPassword);
            user.waitForPath("account/password");
            changePassword(user, firstUserPassword, "Lin-Own-Pass-77");
            user.waitForText("Welcome");

            user.click("#language-switch");
            user.clickItem("vaadin-select-item", "简体中文");
            user.waitForText(simplifiedChinese.getProperty("home.welcome").replace("{0}", "Lin Wei"));
            user.click("#theme-switch");
            user.waitForVaadin();
            assertThat(user.colorScheme()).isEqualTo("dark");
            user.screenshot("07-home-chinese-dark");

            user.click("#user-menu vaadin-menu-bar-button");
            user.clickItem("vaadin-menu-bar-item", simplifiedChinese.getProperty("shell.logout"));
            user.waitForPath("login");

            user.signIn("lin.wei", "Lin-Own-Pass-77");
            user.waitForText(simplifiedChinese.getProperty("home.welcome").replace("{0}", "Lin Wei"));
            assertThat(user.colorScheme()).isEqualTo("dark");
            user.screenshot("08-back-in-chinese-dark");
        }
    }

    private static void changePassword(Browser browser, String current, String next) {
        browser.type("#current-password", current);
        browser.type("#new-password", next);
        browser.type("#confirm-password", next);
        browser.click("#save-password");
    }

    private static Properties bundle(String suffix) throws IOException {
        Properties properties = new Properties();
        try (var in = AccountService.class.getResourceAsStream("/vaadin-i18n/translations" + suffix + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
