package io.gantry.audit.ui;

import static io.gantry.db.Tables.OPERATION_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.I18NProvider;
import io.gantry.OnH2;
import io.gantry.ListUrls;
import io.gantry.ViewTestSupport;
import io.gantry.audit.OperationLog;
import io.gantry.audit.OperationLogEntry;
import io.gantry.audit.Phrase;
import io.gantry.identity.AccountService;
import io.gantry.identity.GroupService;
import io.gantry.identity.Language;
import io.gantry.identity.Preferences;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.Theme;
import io.gantry.shared.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.DSLContext;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class OperationLogViewTest extends ViewTestSupport {

    @Autowired
    AccountService accountService;
    @Autowired
    GroupService groups;
    @Autowired
    OperationLog operationLog;
    @Autowired
    DSLContext db;

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
    void eachLineReadsInTheReadersLanguageWithNamesAndShowsItsWholeText() {
        String member = newAccount("named", PresetRole.USER);
        long memberId = accountAsAdmin(member).orElseThrow().id();
        signInSpeakingSimplifiedChinese(newAccount("auditor", PresetRole.SYSTEM_ADMIN));
        String group = TestAccounts.uniqueName("crew");
        long groupId = groups.create(group, "Team", Set.of(presetRole(PresetRole.USER).id()));
        groups.addMembers(groupId, Set.of(memberId));

        navigate(OperationLogView.class);
        fill(TextField.class, "search", "group:" + group);

        assertThat(column(log(), zh("oplog.target"))).containsOnly(zh("oplog.target.group", group));
        assertThat(column(log(), zh("oplog.details"))).containsExactly(
                zh("oplog.details.users", member),
                zh("oplog.details.roles", zh("role.preset-name.USER")));
        assertThat(zh("oplog.details.users", member)).isEqualTo("用户：" + member);
        // The whole text on demand: a tooltip on the cell and the row's details on a click.
        assertThat(log().getColumnByKey("details").getTooltipGenerator().apply(rows(log()).getFirst()))
                .isEqualTo(zh("oplog.details.users", member));
        assertThat(log().isDetailsVisibleOnClick()).isTrue();
    }

    @Test
    void listsArePutIntoWordsAndLinesWrittenBeforeShowAsStored() {
        String who = TestAccounts.uniqueName("older");
        db.insertInto(OPERATION_LOG).set(OPERATION_LOG.AT, Instant.now())
                .set(OPERATION_LOG.USERNAME, who).set(OPERATION_LOG.SOURCE_IP, "10.1.2.3")
                .set(OPERATION_LOG.ACTION, "role.update").set(OPERATION_LOG.TARGET, "role:old")
                .set(OPERATION_LOG.DETAILS, "permissions=[MONITORING_VIEW]").execute();
        operationLog.recordAs(who, "10.1.2.3", "role.update", "role:new", "oplog.details.permissions",
                Phrase.each("permission.", List.of(Permission.MONITORING_VIEW, Permission.AUDIT_VIEW_ALL)));
        accounts.signInAsAdmin();

        navigate(OperationLogView.class);
        fill(TextField.class, "search", who);

        assertThat(column(log(), t("oplog.details"))).containsExactlyInAnyOrder(
                t("oplog.details.permissions", t("permission.MONITORING_VIEW") + ", " + t("permission.AUDIT_VIEW_ALL")),
                "permissions=[MONITORING_VIEW]");
    }

    /** Signs in as the user with Simplified Chinese as their saved language. */
    private void signInSpeakingSimplifiedChinese(String username) {
        accounts.signInAs(username);
        accountService.savePreferences(new Preferences(Theme.SYSTEM, Language.ZH_CN, 0));
        accounts.signInAs(username);
    }

    private static String zh(String key, Object... arguments) {
        return I18NProvider.translate(Locale.SIMPLIFIED_CHINESE, key, arguments);
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
