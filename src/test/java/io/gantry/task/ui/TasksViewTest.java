package io.gantry.task.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.ListUrls;
import io.gantry.OnH2;
import io.gantry.task.Task;
import io.gantry.broker.ui.Explanations;
import io.gantry.task.TaskFilter;
import io.gantry.task.TaskRow;
import io.gantry.task.TaskTemplate;
import io.gantry.task.UpcomingRun;
import io.gantry.shared.ui.Formats;
import java.time.Clock;
import io.gantry.workload.Phase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The task list: what each row says, its filters, opening a task, deleting several, and the empty list. */
@OnH2
class TasksViewTest extends TaskViewTestSupport {

    @Autowired
    TaskUpdates updates;
    @Autowired
    Clock clock;

    Grid<TasksView.Line> grid() {
        return grid("tasks");
    }

    @Test
    void listsEachTaskWithItsFrameworkOwnerStateAndDurationNewestFirst() {
        ended("prints", "echo hello");
        ended("fails", "exit 3");

        navigate(TasksView.class);

        assertThat(column(grid(), t("task.ui.name"))).containsExactly("fails", "prints");
        assertThat(column(grid(), t("task.ui.state"))).containsExactly(t("task.ui.state.failed"),
                t("task.ui.state.succeeded"));
        assertThat(column(grid(), t("task.ui.framework"))).allMatch(f -> !f.isBlank());
        assertThat(column(grid(), t("task.ui.owner"))).allMatch(o -> o.contains(owner));
        assertThat(column(grid(), t("task.ui.duration"))).allMatch(d -> !d.equals("-"));
    }

    @Test
    void theStateFilterAndTheSearchNarrowTheList() {
        ended("train-ok", "echo ok");
        ended("train-broken", "exit 3");
        ended("notebook", "echo ok");
        navigate(TasksView.class);

        test(find(ComboBox.class).withId("task-state-filter").single()).selectItem(t("task.ui.state.failed"));
        assertThat(column(grid(), t("task.ui.name"))).containsExactly("train-broken");

        find(ComboBox.class).withId("task-state-filter").single().clear();
        test(find(TextField.class).withId("task-search").single()).setValue("train");
        assertThat(column(grid(), t("task.ui.name"))).containsExactly("train-broken", "train-ok");
    }

    @Test
    void opensTheDetailOfAClickedRow() {
        Task task = ended("to-open", "echo hello");

        navigate(TasksView.class);
        test(grid()).clickRow(0);

        assertThat(getCurrentView()).isInstanceOf(TaskDetailView.class);
        assertThat(find(H2.class).withText(task.name()).exists()).isTrue();
    }

    @Test
    void deletingSeveralAsksFirstNamingEveryOneAndDeletesThemAll() {
        ended("first-doomed", "echo one");
        ended("second-doomed", "echo two");
        ended("kept", "echo three");
        navigate(TasksView.class);
        Button delete = find(Button.class).withId("task-delete-selected").single();
        assertThat(delete.isEnabled()).isFalse();

        rows(grid()).stream().filter(l -> l.name().endsWith("doomed")).forEach(grid()::select);
        assertThat(delete.isEnabled()).isTrue();
        test(delete).click();

        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-action").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("task.ui.delete-selected.title", 2));
        assertThat(test(confirm).getText()).isEqualTo(t("task.ui.delete-selected.text",
                "first-doomed, second-doomed"));
        assertThat(find(Button.class).withId("confirm-delete").exists()).isTrue();
        // Nothing goes before the user confirms.
        assertThat(column(grid(), t("task.ui.name"))).containsExactly("kept", "second-doomed", "first-doomed");
        test(confirm).confirm();

        assertThat(column(grid(), t("task.ui.name"))).containsExactly("kept");
        assertThat(tasks.count(projectId, TaskFilter.ALL)).isEqualTo(1);
    }

    @Test
    void aTaskThatHasNotEndedCannotBeChosenForDeletion() {
        Task running = tasks.create(form("sleeper", "sleep 30"));
        navigate(TasksView.class);

        TasksView.Line line = rows(grid()).getFirst();
        assertThat(line.task().task().id()).isEqualTo(running.id());
        assertThat(TasksView.selectable(line)).isFalse();
        assertThat(find(Button.class).from(operations(grid(), 0)).all()).extracting(b -> b.getId().orElseThrow())
                .containsExactly("stop-" + running.id());
    }

    @Test
    void anOpenListShowsAStateChangeAsItHappensAndStopsFollowingOnceLeft() {
        Task sleeper = tasks.create(form("sleeper", "sleep 30"));
        int before = updates.followers();
        navigate(TasksView.class);
        assertThat(updates.followers()).isEqualTo(before + 1);

        // Nothing polls in this test: only a pushed change can move the list on.
        tasks.stop(sleeper.id());

        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            roundTrip();
            assertThat(column(grid(), t("task.ui.state"))).containsExactly(t("task.ui.state.stopped"));
        });
        navigate(TaskRunView.class);
        assertThat(updates.followers()).isEqualTo(before);
    }

    @Test
    void aQueuedRowSaysWhyItWaitsInTheBrokersWords() {
        Task whole = tasks.create(new io.gantry.task.TaskForm(projectId, "whole-quota", spec.id(), QUOTA, 1,
                flavor.id(), 0, image.id(), "sleep 30", false, null));
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.task(whole.id()).phase() == Phase.RUNNING);
        Task waiting = tasks.create(form("waiting", "echo late"));
        // The broker's pass that explains the wait may come after create returns.
        TaskRow row = await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(
                () -> tasks.rows(projectId, TaskFilter.ALL, 0, 10).stream()
                        .filter(r -> r.task().id() == waiting.id()).findFirst().orElseThrow(),
                r -> r.waitsBecause() != null);

        navigate(TasksView.class);

        String why = Explanations.sentence(row.waitsBecause(), spec.name());
        assertThat(column(grid(), t("task.ui.state")).getFirst()).isEqualTo(t("task.ui.state.queued") + why);
        tasks.stop(whole.id());
    }

    @Test
    void aSchedulesNextRunIsListedFirstAsUpcomingWithItsTimeAndSchedule() {
        ended("done-before", "echo done");
        UpcomingRun next = upcoming("nightly-report", 1_000_001L);
        try {
            navigate(TasksView.class);

            assertThat(column(grid(), t("task.ui.name"))).containsExactly("nightly-report", "done-before");
            assertThat(column(grid(), t("task.ui.state")).getFirst()).isEqualTo(t("task.ui.upcoming")
                    + t("task.ui.upcoming.at", Formats.dateTime(next.at()), "every night"));
            assertThat(grid().getPartNameGenerator().apply(rows(grid()).getFirst())).isEqualTo("upcoming");
            // An upcoming run has no state yet: choosing one leaves it out.
            test(find(ComboBox.class).withId("task-state-filter").single()).selectItem(t("task.ui.state.succeeded"));
            assertThat(column(grid(), t("task.ui.name"))).containsExactly("done-before");
        } finally {
            TestUpcomingRuns.forget(projectId);
        }
    }

    @Test
    void deletingAnUpcomingRunAsksThenSkipsOnlyThatRun() {
        UpcomingRun first = upcoming("hourly", 1_000_002L);
        UpcomingRun other = upcoming("daily", 1_000_003L);
        try {
            navigate(TasksView.class);
            grid().select(rows(grid()).stream().filter(l -> l.name().equals("hourly")).findFirst().orElseThrow());
            click("task-delete-selected");

            ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-action").single();
            assertThat(test(confirm).getText()).isEqualTo(t("task.ui.delete-selected.skips",
                    t("task.ui.upcoming.named", "hourly", Formats.dateTime(first.at()))));
            assertThat(TestUpcomingRuns.skipped()).doesNotContain(first);
            test(confirm).confirm();

            assertThat(TestUpcomingRuns.skipped()).contains(first).doesNotContain(other);
            assertThat(column(grid(), t("task.ui.name"))).containsExactly("daily");
        } finally {
            TestUpcomingRuns.forget(projectId);
        }
    }

    /** A run a schedule of the project will fire, of a real template of the owner's. */
    private UpcomingRun upcoming(String templateName, long scheduleId) {
        TaskTemplate template = templates.create(form(templateName, "echo " + templateName));
        UpcomingRun run = new UpcomingRun(scheduleId, "every night", template.id(), template.name(),
                template.ownerId(), clock.instant().plus(Duration.ofHours(scheduleId - 1_000_000L)));
        TestUpcomingRuns.plan(projectId, run);
        return run;
    }

    @Test
    void anEmptyListSaysToRunATaskOrStartFromATemplate() {
        navigate(TasksView.class);

        Div empty = find(Div.class).withId("tasks-empty").single();
        assertThat(empty.getElement().getTextRecursively()).contains(t("task.ui.empty"), t("task.ui.empty.run"),
                t("task.ui.empty.template"));
        test(find(Button.class).withId("run-task").single()).click();
        assertThat(getCurrentView()).isInstanceOf(TaskRunView.class);
    }

    @Test
    void aSearchThatMatchesNothingSaysSoAndClearsTheFilters() {
        ListUrls.open(TasksView.class, Map.of("q", "no-such-task", "mine", "true"));

        // Only what shows is found.
        assertThat(find(Div.class).withId("tasks-empty").exists()).isFalse();
        assertThat(find(Div.class).withId("task-empty-filtered").single().getElement().getTextRecursively())
                .contains(t("task.ui.empty.filtered"));

        click("task-clear-filters");

        assertThat(find(TextField.class).withId("task-search").single().getValue()).isEmpty();
        assertThat(find(Checkbox.class).withId("task-mine-filter").single().getValue()).isFalse();
        assertThat(find(Div.class).withId("tasks-empty").exists()).isTrue();
        assertThat(find(Div.class).withId("task-empty-filtered").exists()).isFalse();
    }

    @Test
    void theThreeEndsReadApart() {
        assertThat(TaskStates.badge(Phase.SUCCEEDED).getElement().getAttribute("theme")).isEqualTo("badge success");
        assertThat(TaskStates.badge(Phase.FAILED).getElement().getAttribute("theme")).isEqualTo("badge error");
        assertThat(TaskStates.badge(Phase.STOPPED).getElement().getAttribute("theme")).isEqualTo("badge contrast");
    }
}
