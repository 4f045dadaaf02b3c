package io.gantry.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.audit.OperationLog;
import io.gantry.audit.OperationLogEntry;
import io.gantry.identity.AccountService;
import io.gantry.identity.Preferences;
import io.gantry.identity.PresetRole;
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
    void anIpv6SourceReadsInItsShortForm() {
        String me = newAccount("six", PresetRole.USER);
        // what the servlet container reports for a request from the loopback over IPv6
        context.getBean(OperationLog.class).recordAs(me, "0:0:0:0:0:0:0:1", "account.profile", "user:" + me, null);
        accounts.signInAs(me);

        navigate(OperationLogView.class);

        assertThat(column(log(), t("oplog.ip"))).containsOnly("::1");
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
