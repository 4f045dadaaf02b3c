package io.gantry.monitoring.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.audit.Phrase;
import io.gantry.audit.ui.OperationLogView;
import io.gantry.identity.PresetRole;
import io.gantry.identity.SignedInUser;
import io.gantry.monitoring.Notice;
import io.gantry.monitoring.NoticeService;
import io.gantry.monitoring.Notices;
import io.gantry.shared.ui.Formats;
import io.gantry.ui.HomeView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnH2
class NoticesViewTest extends ViewTestSupport {

    @Autowired
    Notices notices;
    @Autowired
    NoticeService service;
    @Autowired
    NoticeUpdates updates;

    private long signedInUser() {
        SignedInUser user = accounts.signInAs(newAccount("noticed", PresetRole.USER));
        return user.id();
    }

    /** The badge, while it shows (a hidden component is not found). */
    private Span badge() {
        return find(Span.class).withId("notice-count").single();
    }

    private boolean badgeShown() {
        return find(Span.class).withId("notice-count").exists();
    }

    /** The operation of the notice's row, by its id. */
    private void clickInRow(long noticeId, String buttonId) {
        List<Notice> shown = rows(list());
        int row = java.util.stream.IntStream.range(0, shown.size()).filter(i -> shown.get(i).id() == noticeId)
                .findFirst().orElseThrow();
        Button button = operations(list(), row).getChildren().filter(Button.class::isInstance).map(Button.class::cast)
                .filter(b -> b.getId().orElse("").equals(buttonId)).findFirst().orElseThrow();
        test(button).click();
    }

    private Button bell() {
        return find(Button.class).withId("notice-bell").single();
    }

    private Grid<Notice> list() {
        return grid("notices");
    }

    @Test
    void theBellCountsTheUnreadNoticesAndOpensTheList() {
        long me = signedInUser();
        notices.notify(me, "notice.empty", List.of(), null);
        notices.notify(me, "notice.empty", List.of(), null);

        navigate(HomeView.class);

        assertThat(badge().getText()).isEqualTo("2");
        assertThat(bell().getAriaLabel()).contains(t("notice.bell", 2));
        test(bell()).click();
        assertThat(getCurrentView()).isInstanceOf(NoticesView.class);
    }

    @Test
    void withoutNoticesTheBellHasNoBadgeAndTheListSaysWhyItIsEmpty() {
        signedInUser();

        navigate(NoticesView.class);

        assertThat(badgeShown()).isFalse();
        assertThat(rows(list())).isEmpty();
        assertThat(list().getEmptyStateText()).isEqualTo(t("notice.empty"));
        assertThat(find(Button.class).withId("mark-all-read").single().isEnabled()).isFalse();
    }

    @Test
    void eachNoticeReadsInTheUsersLanguageWithItsTimeNewestFirst() {
        long me = signedInUser();
        Instant end = Instant.parse("2026-12-03T18:00:00Z");
        notices.notify(me, "oplog.details.users", List.of(List.of("ann", "ben")), null);
        notices.notify(me, "oplog.details.broker-refused",
                List.of(Phrase.target("container:12"), end, Phrase.of("oplog.details.workload", "x")), "containers/12");

        navigate(NoticesView.class);

        assertThat(column(list(), t("notice.text"))).containsExactly(
                t("oplog.details.broker-refused", t("oplog.target.container", "12"), Formats.dateTime(end),
                        t("oplog.details.workload", "x")),
                t("oplog.details.users", "ann" + t("oplog.list-separator") + "ben"));
        assertThat(column(list(), t("notice.time"))).containsExactly(
                rows(list()).stream().map(n -> Formats.dateTime(n.createdAt())).toArray(String[]::new));
        assertThat(column(list(), t("notice.state"))).containsOnly(t("notice.unread"));
    }

    @Test
    void openingANoticeMarksItReadAndGoesToItsPage() {
        long me = signedInUser();
        long id = notices.notify(me, "notice.empty", List.of(), "account/operation-log");
        notices.notify(me, "notice.empty", List.of(), null);
        navigate(NoticesView.class);

        clickInRow(id, "open-notice-" + id);

        assertThat(getCurrentView()).isInstanceOf(OperationLogView.class);
        assertThat(service.unreadCount()).isEqualTo(1);
        assertThat(badge().getText()).isEqualTo("1");
    }

    @Test
    void aNoticeAboutNoPageIsMarkedReadWhereItIs() {
        long me = signedInUser();
        long id = notices.notify(me, "notice.empty", List.of(), null);
        navigate(NoticesView.class);

        clickInRow(id, "read-notice-" + id);

        assertThat(service.unreadCount()).isZero();
        assertThat(column(list(), t("notice.state"))).containsExactly(t("notice.read"));
        assertThat(operations(list(), 0).getChildren()).isEmpty();
    }

    @Test
    void markAllReadEmptiesTheBadge() {
        long me = signedInUser();
        notices.notify(me, "notice.empty", List.of(), null);
        notices.notify(me, "notice.empty", List.of(), "containers/1");
        navigate(NoticesView.class);
        assertThat(badge().getText()).isEqualTo("2");

        click("mark-all-read");

        assertThat(column(list(), t("notice.state"))).containsOnly(t("notice.read"));
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundTrip();
            assertThat(badgeShown()).isFalse();
        });
    }

    @Test
    void aNoticeThatArrivesShowsOnTheBellWithoutAReload() {
        long me = signedInUser();
        int before = updates.followers();
        navigate(HomeView.class);
        assertThat(updates.followers()).isEqualTo(before + 1);
        assertThat(badgeShown()).isFalse();

        // Nothing navigates in this test: only a pushed change can move the count on.
        notices.notifyOnce(me, "arrives", "notice.empty", List.of(), null);

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundTrip();
            assertThat(badgeShown()).isTrue();
            assertThat(badge().getText()).isEqualTo("1");
        });
    }

    @Test
    void aBigCountIsCappedOnTheBadgeButNotInItsLabel() {
        long me = signedInUser();
        for (int i = 0; i < NoticeBell.BADGE_MAX + 1; i++) {
            notices.notify(me, "notice.empty", List.of(), null);
        }

        navigate(HomeView.class);

        assertThat(badge().getText()).isEqualTo(NoticeBell.BADGE_MAX + "+");
        assertThat(bell().getAriaLabel()).contains(t("notice.bell", NoticeBell.BADGE_MAX + 1));
    }
}
