package io.gantry;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.textfield.TextFieldBase;
import com.vaadin.flow.component.textfield.TextFieldTester;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.RouteConfiguration;
import io.gantry.identity.PresetRole;
import io.gantry.identity.RoleInfo;
import io.gantry.identity.RoleService;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.UserAccount;
import io.gantry.identity.UserService;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;

/**
 * What the view tests share: test accounts, the English texts of the bundle, and the few gestures every
 * form needs. Concrete tests are {@link OnH2}, so that they all run in the one Spring context.
 */
public abstract class ViewTestSupport extends SpringBrowserlessTest {

    @Autowired
    protected ApplicationContext context;

    protected TestAccounts accounts;

    @BeforeEach
    void prepareAccounts() {
        accounts = new TestAccounts(context);
    }

    /**
     * Signs out only after Vaadin's clean-up: that runs the UI's pending pushed updates (a notice's count, say), which
     * call services as the signed-in user.
     */
    @AfterEach
    @Override
    protected void cleanVaadinEnvironment() {
        try {
            super.cleanVaadinEnvironment();
        } finally {
            accounts.signOut();
        }
    }

    /** The English text of a bundle key: what the views show in the tests' language. */
    protected static String t(String key, Object... arguments) {
        return I18NProvider.translate(Locale.ENGLISH, key, arguments);
    }

    /** Creates an account with a name no other test uses; returns the name. */
    protected String newAccount(String prefix, PresetRole... roles) {
        String username = TestAccounts.uniqueName(prefix);
        accounts.create(username, roles);
        return username;
    }

    /** Looks the account up as the administrator would; leaves the administrator signed in. */
    protected Optional<UserAccount> accountAsAdmin(String username) {
        accounts.signInAsAdmin();
        return context.getBean(UserService.class).search(username, 0, 10).stream()
                .filter(u -> u.username().equals(username)).findFirst();
    }

    /** A preset role as stored (its name is data, not a text of the bundle); needs a user manager signed in. */
    protected RoleInfo presetRole(PresetRole preset) {
        return context.getBean(RoleService.class).all().stream().filter(r -> r.preset() == preset).findFirst()
                .orElseThrow();
    }

    /** Whether signing in with this password succeeds now (a failure would count towards locking the account). */
    protected boolean signInSucceeds(String username, String password) {
        try {
            return context.getBean(AuthenticationProvider.class)
                    .authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
                    .isAuthenticated();
        } catch (AuthenticationException refused) {
            return false;
        }
    }

    protected void click(String buttonId) {
        test(find(Button.class).withId(buttonId).single()).click();
    }

    /** Types into the text, password or e-mail field with the given id. */
    protected <F extends TextFieldBase<F, String>> F fill(Class<F> type, String id, String value) {
        F field = find(type).withId(id).single();
        new TextFieldTester<F, String>(field).setValue(value);
        return field;
    }

    /** Opening a detail page for an id that is unknown (or not the user's) shows the shared not-found page. */
    protected <C extends Component & HasUrlParameter<Long>> void assertNotFound(Class<C> view, long id, String what) {
        navigate(RouteConfiguration.forSessionScope().getUrl(view, id), io.gantry.ui.NotFoundView.class);
        assertNotFound(what);
    }

    /** The page shows the shared not-found page, saying which thing ("user", "container", ...) is missing. */
    protected void assertNotFound(String what) {
        org.assertj.core.api.Assertions.assertThat(getCurrentView()).isInstanceOf(io.gantry.ui.NotFoundView.class);
        org.assertj.core.api.Assertions.assertThat(find(com.vaadin.flow.component.html.Paragraph.class)
                .withId("not-found-what").single().getText()).isEqualTo(t("error.not-found." + what));
    }

    protected List<String> notifications() {
        return find(Notification.class).all().stream().map(n -> test(n).getText()).toList();
    }

    @SuppressWarnings("unchecked")
    protected <T> Grid<T> grid(String id) {
        return find(Grid.class).withId(id).single();
    }

    protected <T> List<T> rows(Grid<T> grid) {
        var tester = test(grid);
        return IntStream.range(0, tester.size()).mapToObj(tester::getRow).toList();
    }

    /** What the user sees in one column of the grid, row by row. */
    protected List<String> column(Grid<?> grid, String header) {
        var tester = test(grid);
        int column = IntStream.range(0, visibleColumns(grid))
                .filter(c -> header.equals(tester.getHeaderCell(c))).findFirst()
                .orElseThrow(() -> new AssertionError("No column " + header));
        return IntStream.range(0, tester.size()).mapToObj(row -> tester.getCellText(row, column)).toList();
    }

    protected List<String> headers(Grid<?> grid) {
        var tester = test(grid);
        return IntStream.range(0, visibleColumns(grid)).mapToObj(tester::getHeaderCell).toList();
    }

    /** The component in the last column of a row, where the lists keep a row's operations. */
    protected Component operations(Grid<?> grid, int row) {
        return test(grid).getCellComponent(row, visibleColumns(grid) - 1);
    }

    /** The grid tester counts only the columns shown; a hidden column has no cells. */
    private static int visibleColumns(Grid<?> grid) {
        return (int) grid.getColumns().stream().filter(Grid.Column::isVisible).count();
    }
}
