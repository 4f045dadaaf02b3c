package io.gantry.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ListUrls;
import io.gantry.ViewTestSupport;
import io.gantry.audit.OperationLogEntry;
import io.gantry.identity.AccountService;
import io.gantry.identity.Preferences;
import io.gantry.identity.PresetRole;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class OperationLogViewTest extends ViewTestSupport {

    @Autowired
    AccountService accountService;

    @Test
    void aUserSeesOnlyTheirOwnLinesAndNoUserColumn() {
        actAs(newAccount("other", PresetRole.USER));
        String me = actAs(newAccount("me", PresetRole.USER));

        navigate(OperationLogView.class);

        assertThat(rows(log())).isNotEmpty().extracting(OperationLogEntry::username).containsOnly(me);
        assertThat(headers(log())).doesNotContain(t("oplog.user"));
    }

    @Test
    void theAdministratorSeesEveryonesLinesWithTheUserColumn() {
        String someone = actAs(newAccount("someone", PresetRole.USER));
        accounts.signInAsAdmin();

        navigate(OperationLogView.class);
        fill(TextField.class, "search", someone);

        assertThat(headers(log())).contains(t("oplog.user"));
        assertThat(column(log(), t("oplog.user"))).isNotEmpty().containsOnly(someone);
    }

    @Test
    void theSearchKeepsOnlyTheMatchingLines() {
        actAs(newAccount("me", PresetRole.USER));
        accountService.savePreferences(Preferences.DEFAULT);
        navigate(OperationLogView.class);

        fill(TextField.class, "search", "settings");

        assertThat(column(log(), t("oplog.action"))).containsExactly(t("oplog.action.account.settings"));
    }

    @Test
    void theRangeTheSearchAndTheSortComeFromTheUrlAndChangingThemReplacesIt() {
        actAs(newAccount("me", PresetRole.USER));
        accountService.savePreferences(Preferences.DEFAULT);

        ListUrls.open(OperationLogView.class, Map.of("sort", "action"));
        assertThat(rows(log())).hasSizeGreaterThanOrEqualTo(2).extracting(OperationLogEntry::action).isSorted();
        ListUrls.open(OperationLogView.class, Map.of("sort", "-action"));
        assertThat(rows(log())).extracting(OperationLogEntry::action)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());

        ListUrls.open(OperationLogView.class, Map.of("q", "settings", "from", "2000-01-01T00:00"));
        assertThat(column(log(), t("oplog.action"))).containsExactly(t("oplog.action.account.settings"));
        assertThat(find(DateTimePicker.class).withId("from").single().getValue())
                .isEqualTo(LocalDateTime.of(2000, 1, 1, 0, 0));

        fill(TextField.class, "search", "nothing-matches-this");
        assertThat(rows(log())).isEmpty();
        assertThat(ListUrls.lastReplacedParameters("account/operation-log"))
                .isEqualTo(Map.of("q", "nothing-matches-this", "from", "2000-01-01T00:00"));
    }

    /** Signs in as the user and edits their profile, which writes a line to the log. */
    private String actAs(String username) {
        accounts.signInAs(username);
        accountService.updateProfile("Nick " + username, "", "");
        return username;
    }

    private Grid<OperationLogEntry> log() {
        return grid("operation-log");
    }
}
