package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.upload.Upload;
import io.gantry.OnH2;
import io.gantry.container.Container;
import io.gantry.container.ContainerMetricSampler;
import io.gantry.container.ContainerService;
import io.gantry.runtime.local.LocalRuntime;
import io.gantry.shared.ui.Chart;
import io.gantry.workload.Phase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A container's detail: its monitoring charts, starting it again once stopped, and uploading into the workspace. */
@OnH2
class ContainerDetailOperationsViewTest extends ContainerViewTestSupport {

    @Autowired
    ContainerMetricSampler sampler;
    @Autowired
    LocalRuntime runtime;

    Chart chart(String id) {
        return find(Chart.class).withId(id).single();
    }

    @Test
    void aRunningContainerDrawsTheLastHourOfItsUsageAndSaysWhatTheRuntimeCannotTell() {
        Container container = running("charted");
        // Just started, its processes may not be readable yet: sampled once they are.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> sampler.sample() > 0);

        navigate(ContainerDetailView.class, container.id());

        for (String id : java.util.List.of("chart-cpu", "chart-memory", "chart-disk")) {
            assertThat(chart(id).isVisible()).as(id).isTrue();
            assertThat(chart(id).getModel().times()).as(id).isNotEmpty();
            assertThat(chart(id).getElement().getTag()).isEqualTo("gantry-chart");
        }
        assertThat(chart("chart-cpu").getModel().series()).extracting(s -> s.name())
                .containsExactly(t("container.monitoring.cpu"));
        assertThat(chart("chart-memory").getModel().series()).extracting(s -> s.name())
                .containsExactly(t("container.monitoring.memory-used"), t("container.monitoring.memory-limit"));
        // The local runtime shares the host's network and its devices here are simulated: no made-up lines.
        assertThat(find(Chart.class).withId("chart-network").exists()).isFalse();
        assertThat(find(Span.class).withId("chart-network-none").single().isVisible()).isTrue();
        assertThat(find(Chart.class).withId("chart-gpu").exists()).isFalse();
        assertThat(find(Span.class).withId("chart-gpu-none").single().getText())
                .isEqualTo(t("container.monitoring.gpu-none"));

        // A later sample shows at the next refresh, with what came before.
        int before = chart("chart-cpu").getModel().times().size();
        await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> {
            sampler.sample();
            return containers.metricHistory(container.id()).size() > before;
        });
        find(ContainerDetailView.class).single().refresh();
        assertThat(chart("chart-cpu").getModel().times().size()).isGreaterThan(before);
    }

    @Test
    void aStoppedContainerStartsAgainAfterAConfirmationAndThePageFollowsTheNewOne() {
        Container first = running("again");
        containers.stop(first.id());
        await().pollInSameThread().atMost(Duration.ofSeconds(30))
                .until(() -> containers.container(first.id()).state() == Phase.STOPPED);

        navigate(ContainerDetailView.class, first.id());
        Button startAgain = find(Button.class).withId("start-again").single();
        assertThat(startAgain.isVisible()).isTrue();
        test(startAgain).click();
        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-action").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("container.start-again.title", "again"));
        test(confirm).confirm();

        Container again = containers.list(projectId, null, 0, 10).getFirst();
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(getCurrentView()).isInstanceOf(ContainerDetailView.class);
        assertThat(find(H2.class).withText("again").exists()).isTrue();
        assertThat(find(Button.class).withId("start-again").exists()).isFalse();
        awaitRunning(again.id());
    }

    @Test
    void aRunningContainerTakesUploadsIntoTheWorkspaceAndPointsLargerFilesToScp() throws Exception {
        Container container = running("uploads");

        navigate(ContainerDetailView.class, container.id());

        Upload upload = find(Upload.class).withId("workspace-upload").single();
        assertThat(upload.getMaxFileSize()).isEqualTo((int) ContainerService.UPLOAD_MAX_BYTES);
        String scp = find(Span.class).withId("scp-command").single().getText();
        assertThat(scp).matches("scp -P \\d+ FILE " + owner + "@127\\.0\\.0\\.1:Workspace/");
        assertThat(find(Span.class).withId("sftp-command").single().getText())
                .matches("sftp -P \\d+ " + owner + "@127\\.0\\.0\\.1");
        assertThat(find(Button.class).withId("copy-scp-command").exists()).isTrue();

        test(upload).upload("notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(runtime.workspace(Long.toString(container.userId())).resolve("notes.txt")).hasContent("hello");
        test(upload).upload("../escape.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(runtime.workspace(Long.toString(container.userId())).getParent().resolve("escape.txt"))
                .doesNotExist();
        assertThat(Files.exists(runtime.workspace(Long.toString(container.userId())).resolve("escape.txt")))
                .isFalse();
    }
}
