package io.gantry.task.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import io.gantry.OnH2;
import io.gantry.task.Task;
import io.gantry.task.TaskTemplate;
import io.gantry.workload.Phase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task's detail: its state, exit code and events, its log tagged line by line with its phase and downloadable as
 * text, and what may be done with it before and after it ended.
 */
@OnH2
class TaskDetailViewTest extends TaskViewTestSupport {

    @Test
    void aTaskThatExitsThreeShowsItsExitCodeAndItsPhasedLog() throws Exception {
        Task task = ended("exits-three", "echo before the end; exit 3");
        assertThat(task.phase()).isEqualTo(Phase.FAILED);

        navigate("tasks/" + task.id(), TaskDetailView.class);

        assertThat(find(Span.class).withId("task-state").single().getElement().getTextRecursively())
                .isEqualTo(t("task.ui.state.failed"));
        assertThat(find(Span.class).withId("task-exit-code").single().getText()).isEqualTo("3");
        List<Div> lines = find(Div.class).withClassName("log-line").all();
        assertThat(lines).isNotEmpty();
        assertThat(lines).extracting(l -> l.getElement().getAttribute("data-phase"))
                .isSubsetOf("preparing", "pulling", "running", "cleaning-up").contains("running");
        Div printed = lines.stream().filter(l -> l.getElement().getTextRecursively().contains("before the end"))
                .findFirst().orElseThrow();
        assertThat(printed.getElement().getAttribute("data-phase")).isEqualTo("running");
        assertThat(printed.getElement().getTextRecursively()).startsWith(t("task.ui.phase.running"));
        assertThat(this.<Object>grid("task-events").getListDataView().getItemCount()).isPositive();
        assertThat(find(Anchor.class).withId("task-log-download").exists()).isTrue();

        String download = download((TaskDetailView) getCurrentView());
        assertThat(download).contains("[" + t("task.ui.phase.running") + "] before the end\n");
        assertThat(download.lines()).allMatch(l -> l.startsWith("["));
        assertThat(download.lines().count()).isEqualTo(lines.size());
    }

    @Test
    void aRunningTaskOffersStopWithAConfirmationAndAnEndedOneItsTemplateAndRunAgain() {
        Task sleeper = tasks.create(form("sleeper", "sleep 30"));
        navigate("tasks/" + sleeper.id(), TaskDetailView.class);
        assertThat(find(Button.class).withId("task-run-again").exists()).isFalse();
        assertThat(find(Button.class).withId("task-save-template").exists()).isFalse();

        click("task-stop");
        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-action").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("task.ui.stop.title", "sleeper"));
        test(confirm).confirm();
        awaitEnd(sleeper.id());
        ((TaskDetailView) getCurrentView()).refresh();

        assertThat(find(Span.class).withId("task-state").single().getElement().getTextRecursively())
                .isEqualTo(t("task.ui.state.stopped"));
        assertThat(find(Button.class).withId("task-stop").exists()).isFalse();
        click("task-save-template");
        fill(com.vaadin.flow.component.textfield.TextField.class, "template-name", "from-sleeper");
        click("template-save");
        roundTrip();
        assertThat(templates.list(projectId)).extracting(TaskTemplate::name).containsExactly("from-sleeper");

        click("task-run-again");
        assertThat(getCurrentView()).isInstanceOf(TaskRunView.class);
        assertThat(find(com.vaadin.flow.component.textfield.TextArea.class).withId("task-command").single()
                .getValue()).isEqualTo("sleep 30");
    }

    @Test
    void theLogGrowsWhileTheTaskRuns() {
        Task task = tasks.create(form("counting", "echo one; sleep 2; echo two"));
        navigate("tasks/" + task.id(), TaskDetailView.class);

        org.awaitility.Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ((TaskDetailView) getCurrentView()).refresh();
            assertThat(find(Div.class).withId("task-log").single().getElement().getTextRecursively())
                    .contains("one", "two");
        });
    }

    @Test
    void anUnknownTaskShowsTheNotFoundPage() {
        assertNotFound(TaskDetailView.class, Long.MAX_VALUE, "task");
    }

    /** What a browser would get for the download link. */
    private static String download(TaskDetailView view) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        VaadinResponse response = mock(VaadinResponse.class);
        when(response.getOutputStream()).thenReturn(body);
        view.logDownload().handleDownloadRequest(new DownloadEvent(mock(VaadinRequest.class), response,
                mock(VaadinSession.class), view.getElement()));
        return body.toString(StandardCharsets.UTF_8);
    }
}
