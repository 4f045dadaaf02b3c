package io.gantry.audit;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static io.gantry.db.Tables.OPERATION_LOG;

import io.gantry.identity.GroupService;
import io.gantry.identity.PresetRole;
import io.gantry.identity.RoleService;
import io.gantry.identity.UserService;
import io.gantry.shared.Permission;
import java.math.BigDecimal;
import io.gantry.identity.TestAccounts;
import io.gantry.shared.ListSort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The operation log: who sees what, the filters, and that it is append-only; run on H2 and PostgreSQL. */
abstract class OperationLogContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    OperationLog operationLog;
    @Autowired
    Clock clock;
    @Autowired
    DSLContext db;

    TestAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new TestAccounts(context);
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
    }

    @Test
    void usersSeeTheirOwnLinesAndAuditorsSeeEveryones() {
        String alice = uniqueName("alice");
        String bob = uniqueName("bob");
        accounts.create(alice, PresetRole.USER);
        accounts.create(bob, PresetRole.USER);
        operationLog.recordAs(alice, "10.0.0.1", "auth.login", "user:" + alice, null);
        operationLog.recordAs(bob, "10.0.0.2", "auth.login", "user:" + bob, null);

        accounts.signInAs(alice);
        assertThat(operationLog.seesEveryone()).isFalse();
        assertThat(operationLog.find(OperationLogQuery.all(), 0, 100)).extracting(OperationLogEntry::username)
                .containsOnly(alice);
        assertThat(operationLog.count(new OperationLogQuery(null, null, bob))).isZero();

        accounts.signInAsAdmin();
        assertThat(operationLog.seesEveryone()).isTrue();
        assertThat(operationLog.find(new OperationLogQuery(null, null, bob), 0, 100))
                .extracting(OperationLogEntry::username).containsOnly(bob);
    }

    @Test
    void filtersByTimeRangeAndSearchesTheText() {
        String who = uniqueName("ranged");
        accounts.create(who, PresetRole.USER);
        operationLog.recordAs(who, "192.168.7.7", "auth.login", "user:" + who, null);
        accounts.signInAsAdmin();
        Instant now = clock.instant();
        assertThat(operationLog.count(new OperationLogQuery(now.minus(Duration.ofMinutes(5)), now.plusSeconds(5), who)))
                .isEqualTo(1);
        assertThat(operationLog.count(new OperationLogQuery(now.plusSeconds(5), null, who))).isZero();
        assertThat(operationLog.count(new OperationLogQuery(null, now.minus(Duration.ofMinutes(5)), who))).isZero();
        assertThat(operationLog.count(new OperationLogQuery(null, null, "192.168.7.7"))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLineKeepsItsMessageKeyAndArgumentsForTheReadersLanguage() {
        String who = uniqueName("args");
        accounts.create(who, PresetRole.USER);
        Instant when = Instant.parse("2026-01-02T03:04:05Z");
        operationLog.recordAs(who, "10.0.0.3", "role.update", "role:r", "oplog.details.permissions",
                List.of(who, "名字"), Phrase.each("permission.", List.of(Permission.MONITORING_VIEW)), 42, when, null,
                new BigDecimal("1.25"), Phrase.of("broker.reason.OVER_QUOTA", 4, "A100", 0, 0, 2, 0, 0));

        accounts.signInAsAdmin();
        OperationLogEntry line = operationLog.find(new OperationLogQuery(null, null, who), 0, 10).getFirst();
        assertThat(line.details()).isNull();
        assertThat(line.messageKey()).isEqualTo("oplog.details.permissions");
        assertThat(line.arguments()).containsExactly(List.of(who, "名字"),
                List.of(Phrase.of("permission.MONITORING_VIEW")), 42L, when, null, new BigDecimal("1.25"),
                Phrase.of("broker.reason.OVER_QUOTA", 4L, "A100", 0L, 0L, 2L, 0L, 0L));
        // Names among the arguments are found by the search, in any script.
        assertThat(operationLog.find(new OperationLogQuery(null, null, "名字"), 0, 100))
                .extracting(OperationLogEntry::username).contains(who);
    }

    @Test
    void linesWrittenBeforeMessageKeysKeepTheirStoredText() {
        String who = uniqueName("older");
        db.insertInto(OPERATION_LOG)
                .set(OPERATION_LOG.AT, clock.instant())
                .set(OPERATION_LOG.USERNAME, who)
                .set(OPERATION_LOG.SOURCE_IP, "10.0.0.4")
                .set(OPERATION_LOG.ACTION, "role.update")
                .set(OPERATION_LOG.TARGET, "role:r")
                .set(OPERATION_LOG.DETAILS, "permissions=[MONITORING_VIEW]")
                .execute();

        accounts.signInAsAdmin();
        assertThat(operationLog.find(new OperationLogQuery(null, null, who), 0, 10)).singleElement()
                .satisfies(line -> {
                    assertThat(line.details()).isEqualTo("permissions=[MONITORING_VIEW]");
                    assertThat(line.messageKey()).isNull();
                    assertThat(line.arguments()).isEmpty();
                });
    }

    @Test
    void servicesLogNamesAsTheyWereNotIdsSoALineOutlivesItsUser() {
        accounts.signInAsAdmin();
        String member = uniqueName("leaver");
        long memberId = accounts.create(member, PresetRole.USER);
        long userRole = context.getBean(RoleService.class).all().stream()
                .filter(r -> r.preset() == PresetRole.USER).findFirst().orElseThrow().id();
        String group = uniqueName("team");
        GroupService groups = context.getBean(GroupService.class);
        long groupId = groups.create(group, "Team", Set.of(userRole));
        groups.addMembers(groupId, Set.of(memberId));
        groups.removeMember(groupId, memberId);
        context.getBean(UserService.class).delete(memberId);

        List<OperationLogEntry> lines = operationLog.find(new OperationLogQuery(null, null, "group:" + group), 0, 10);
        assertThat(lines).extracting(OperationLogEntry::action, OperationLogEntry::messageKey,
                OperationLogEntry::arguments).containsExactly(
                tuple("group.remove-member", "oplog.details.users", List.of(List.of(member))),
                tuple("group.add-members", "oplog.details.users", List.of(List.of(member))),
                tuple("group.create", "oplog.details.roles", List.of(List.of(Phrase.of("role.preset-name.USER")))));
    }

    @Test
    void sortsInTheDatabaseByAnAllowedColumnThenNewestFirstAndRefusesOtherColumns() {
        String tag = uniqueName("sorted");
        operationLog.recordAs(tag + "-b", "10.0.0.2", "auth.login", "user:" + tag, null);
        operationLog.recordAs(tag + "-a", "10.0.0.3", "auth.login", "user:" + tag, null);
        operationLog.recordAs(tag + "-c", "10.0.0.1", "auth.logout", "user:" + tag, null);
        accounts.signInAsAdmin();
        OperationLogQuery mine = new OperationLogQuery(null, null, tag);

        assertThat(operationLog.find(mine, List.of(ListSort.ascending("user")), 0, 10))
                .extracting(OperationLogEntry::username).containsExactly(tag + "-a", tag + "-b", tag + "-c");
        assertThat(operationLog.find(mine, List.of(ListSort.descending("ip")), 0, 10))
                .extracting(OperationLogEntry::username).containsExactly(tag + "-a", tag + "-b", tag + "-c");
        // Two orders: by action, then by user name descending.
        assertThat(operationLog.find(mine, List.of(ListSort.ascending("action"), ListSort.descending("user")), 0, 10))
                .extracting(OperationLogEntry::username).containsExactly(tag + "-b", tag + "-a", tag + "-c");
        assertThat(operationLog.find(mine, List.of(ListSort.ascending("user")), 2, 5))
                .extracting(OperationLogEntry::username).containsExactly(tag + "-c");
        assertThatThrownBy(() -> operationLog.find(mine, List.of(ListSort.ascending("details")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> operationLog.find(mine, List.of(ListSort.ascending("1")), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offersNoWayToChangeOrDeleteALine() {
        assertThat(Arrays.stream(OperationLog.class.getMethods()).map(m -> m.getName()))
                .noneMatch(name -> name.startsWith("update") || name.startsWith("delete") || name.startsWith("remove"));
    }

    @Test
    void recordingOutsideATransactionIsRefusedSoNoOperationGoesUnlogged() {
        accounts.signInAsAdmin();
        assertThatThrownBy(() -> operationLog.record("x", "y", null))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }
}
