package io.gantry.monitoring;

import static io.gantry.db.Tables.NOTICE;
import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.audit.Phrase;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.identity.UserService;
import io.gantry.shared.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** In-app notices: sending them (once, when asked), and each user reading and marking only their own; H2 and PostgreSQL. */
abstract class NoticesContract {

    @Autowired
    ApplicationContext context;
    @Autowired
    Notices notices;
    @Autowired
    NoticeService service;
    @Autowired
    DSLContext db;
    @Autowired
    PlatformTransactionManager transactions;

    TestAccounts accounts;
    String alice;
    long aliceId;
    String bob;
    long bobId;

    @BeforeEach
    void twoUsers() {
        accounts = new TestAccounts(context);
        alice = uniqueName("alice");
        aliceId = accounts.create(alice, PresetRole.USER);
        bob = uniqueName("bob");
        bobId = accounts.create(bob, PresetRole.USER);
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
    }

    @Test
    void aNoticeKeepsItsKeyArgumentsAndLinkAndArrivesUnread() {
        Instant end = Instant.parse("2026-12-03T18:00:00Z");
        long id = notices.notify(aliceId, "oplog.details.broker-refused",
                List.of("box-1", 42, end, Phrase.target("container:12"), List.of("a", "名字")), "containers/12");

        accounts.signInAs(alice);
        assertThat(service.unreadCount()).isEqualTo(1);
        assertThat(service.page(0, 10)).singleElement().satisfies(notice -> {
            assertThat(notice.id()).isEqualTo(id);
            assertThat(notice.messageKey()).isEqualTo("oplog.details.broker-refused");
            assertThat(notice.arguments()).containsExactly("box-1", 42L, end, Phrase.target("container:12"),
                    List.of("a", "名字"));
            assertThat(notice.link()).isEqualTo("containers/12");
            assertThat(notice.unread()).isTrue();
            assertThat(notice.createdAt()).isNotNull();
        });
    }

    @Test
    void aNoticeNeedsNoArgumentsNorALink() {
        notices.notify(aliceId, "notice.empty", List.of(), null);

        accounts.signInAs(alice);
        assertThat(service.page(0, 10)).singleElement().satisfies(notice -> {
            assertThat(notice.arguments()).isEmpty();
            assertThat(notice.link()).isNull();
        });
    }

    @Test
    void theSameDedupKeyAddsTheNoticeOnceForEachUser() {
        assertThat(notices.notifyOnce(aliceId, "container:7:end-warning", "notice.empty", List.of(), null))
                .isTrue();
        assertThat(notices.notifyOnce(aliceId, "container:7:end-warning", "notice.empty", List.of(), null))
                .isFalse();
        assertThat(notices.notifyOnce(aliceId, "container:7:reclaim-warning", "notice.empty", List.of(), null))
                .isTrue();
        // Another user's key space is their own.
        assertThat(notices.notifyOnce(bobId, "container:7:end-warning", "notice.empty", List.of(), null))
                .isTrue();

        assertThat(rows(aliceId)).isEqualTo(2);
        assertThat(rows(bobId)).isEqualTo(1);
    }

    @Test
    void aRepeatedNoticeLeavesTheCallersTransactionUsable() {
        // On PostgreSQL a failed statement would abort the whole transaction; a repeat must not fail at all.
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            notices.notifyOnce(aliceId, "repeat", "notice.empty", List.of(), null);
            assertThat(notices.notifyOnce(aliceId, "repeat", "notice.empty", List.of(), null)).isFalse();
            notices.notify(aliceId, "notice.empty", List.of(), null);
        });

        assertThat(rows(aliceId)).isEqualTo(2);
    }

    @Test
    void replicasSendingTheSameNoticeAtOnceKeepOne() throws Exception {
        int senders = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Boolean>> sent = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return new TransactionTemplate(transactions).execute(tx ->
                            notices.notifyOnce(aliceId, "container:9:end-warning", "notice.empty", List.of(),
                                    "containers/9"));
                }));
            }
            start.countDown();
            List<Boolean> added = new ArrayList<>();
            for (Future<Boolean> each : sent) {
                added.add(each.get(30, TimeUnit.SECONDS));
            }
            assertThat(added).containsOnlyOnce(true);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(aliceId)).isEqualTo(1);
    }

    @Test
    void aNoticeIsSavedWithTheCallersChangeOrNotAtAll() {
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            notices.notify(aliceId, "notice.empty", List.of(), null);
            notices.notifyOnce(aliceId, "rolled-back", "notice.empty", List.of(), null);
            tx.setRollbackOnly();
        });

        assertThat(rows(aliceId)).isZero();
        // The key of a notice rolled back is free again.
        assertThat(notices.notifyOnce(aliceId, "rolled-back", "notice.empty", List.of(), null)).isTrue();
    }

    @Test
    void refusesALinkThatLeavesTheApplicationAndAnEmptyKey() {
        assertThatThrownBy(() -> notices.notify(aliceId, "notice.empty", List.of(), "https://example.org/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notices.notify(aliceId, "notice.empty", List.of(), "//example.org/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notices.notify(aliceId, " ", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notices.notifyOnce(aliceId, "", "notice.empty", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rows(aliceId)).isZero();
    }

    @Test
    void argumentsTooLongForTheirColumnAreReplacedAndTheNoticeKept() {
        notices.notify(aliceId, "oplog.details.users", List.of(List.of("x".repeat(7000), "y".repeat(7000))),
                null);

        accounts.signInAs(alice);
        assertThat(service.page(0, 1)).singleElement().extracting(Notice::arguments)
                .isEqualTo(List.of(Phrase.of("oplog.too-long")));
    }

    @Test
    void newestFirstOnePageAtATime() {
        long first = notices.notify(aliceId, "notice.empty", List.of(1), null);
        long second = notices.notify(aliceId, "notice.empty", List.of(2), null);
        long third = notices.notify(aliceId, "notice.empty", List.of(3), null);

        accounts.signInAs(alice);
        assertThat(service.count()).isEqualTo(3);
        assertThat(service.page(0, 2)).extracting(Notice::id).containsExactly(third, second);
        assertThat(service.page(2, 2)).extracting(Notice::id).containsExactly(first);
    }

    @Test
    void markingOneReadAndThenAll() {
        long first = notices.notify(aliceId, "notice.empty", List.of(), null);
        notices.notify(aliceId, "notice.empty", List.of(), null);
        notices.notify(aliceId, "notice.empty", List.of(), null);
        accounts.signInAs(alice);

        service.markRead(first);
        assertThat(service.unreadCount()).isEqualTo(2);
        // Reading it again changes nothing.
        service.markRead(first);
        assertThat(service.unreadCount()).isEqualTo(2);
        assertThat(service.page(0, 10)).filteredOn(n -> n.id() == first).singleElement()
                .satisfies(n -> assertThat(n.readAt()).isNotNull());

        assertThat(service.markAllRead()).isEqualTo(2);
        assertThat(service.unreadCount()).isZero();
        assertThat(service.markAllRead()).isZero();
        assertThat(service.page(0, 10)).hasSize(3).noneMatch(Notice::unread);
    }

    @Test
    void aUserSeesCountsAndMarksOnlyTheirOwnNotices() {
        long mine = notices.notify(aliceId, "notice.empty", List.of(), null);
        long theirs = notices.notify(bobId, "notice.empty", List.of(), null);

        accounts.signInAs(alice);
        assertThat(service.unreadCount()).isEqualTo(1);
        assertThat(service.count()).isEqualTo(1);
        assertThat(service.page(0, 10)).extracting(Notice::id).containsExactly(mine);
        assertThatThrownBy(() -> service.markRead(theirs)).isInstanceOf(NotFound.class);
        assertThat(service.markAllRead()).isEqualTo(1);

        accounts.signInAs(bob);
        assertThat(service.unreadCount()).isEqualTo(1);
        assertThat(service.page(0, 10)).extracting(Notice::id).containsExactly(theirs);
        assertThat(service.page(0, 10).getFirst().unread()).isTrue();
    }

    @Test
    void nobodySignedInIsRefused() {
        accounts.signOut();
        assertThatThrownBy(() -> service.unreadCount())
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> service.page(0, 10))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> service.markAllRead())
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void deletingAUserDeletesTheirNotices() {
        notices.notify(aliceId, "notice.empty", List.of(), null);
        notices.notifyOnce(aliceId, "once", "notice.empty", List.of(), null);
        notices.notify(bobId, "notice.empty", List.of(), null);

        accounts.signInAsAdmin();
        context.getBean(UserService.class).delete(aliceId);

        assertThat(rows(aliceId)).isZero();
        assertThat(rows(bobId)).isEqualTo(1);
    }

    private int rows(long userId) {
        return db.fetchCount(NOTICE, NOTICE.USER_ID.eq(userId));
    }
}
