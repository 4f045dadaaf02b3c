package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import io.gantry.Needs;
import io.gantry.broker.BrokerService;
import io.gantry.broker.Explanation;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.ui.Explanations;
import io.gantry.OnH2;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.shared.ui.Formats;
import io.gantry.workload.RunWindow;
import io.gantry.workload.WorkloadReconciler;
import io.gantry.workload.Phase;
import io.gantry.identity.PresetRole;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectRole;
import io.gantry.runtime.WorkloadRuntime;
import io.gantry.runtime.local.LocalRuntime;
import io.gantry.shared.NotFound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.JsonNodeFactory;

/** A container's detail: how to reach it, its usage, output and events, and who may stop, delete or save it. */
@OnH2
class ContainerDetailViewTest extends ContainerViewTestSupport {

    @Autowired
    WorkloadRuntime runtime;
    @Autowired
    LocalRuntime localRuntime;
    @Autowired
    BrokerService broker;
    @Autowired
    WorkloadReconciler reconciler;

    Button button(String id) {
        return find(Button.class).withId(id).single();
    }

    /** The state badge beside the container's name. */
    String shownState(Container container) {
        var title = find(H2.class).withText(container.name()).single().getParent().orElseThrow();
        return find(Span.class).from(title).withClassName("container-state").single().getText();
    }

    @Test
    void aRunningContainerShowsHowToReachItItsUsageOutputAndEvents() throws IOException {
        Container container = running("notebook");
        // The workload itself prints nothing; a line in its output file stands for what a program would print.
        Files.writeString(localRuntime.home().resolve("workloads").resolve(container.runtimeId()).resolve("output.log"),
                "epoch 1 done\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        navigate(ContainerDetailView.class, container.id());

        assertThat(shownState(container)).isEqualTo(t("container.state.running"));
        assertThat(find(Span.class).withId("ssh-command").single().getText())
                .matches("ssh " + owner + "@127\\.0\\.0\\.1 -p \\d+");
        if (Needs.optional(Needs.Tool.JUPYTER)) {
            // Jupyter comes up in the background; until it answers the page says it is starting.
            if (!find(Anchor.class).withId("jupyter-link").exists()) {
                assertThat(find(Span.class).withId("jupyter-starting").single().getText())
                        .isEqualTo(t("container.jupyter.starting"));
                await().pollInSameThread().atMost(Duration.ofSeconds(60))
                        .until(() -> containers.connection(container.id()).jupyterPath() != null);
                navigate(ContainerDetailView.class, container.id());
            }
            assertThat(find(Anchor.class).withId("jupyter-link").single().getHref())
                    .isEqualTo("jupyter-open/" + container.runtimeId());
            assertThat(find(Span.class).withId("jupyter-unavailable").exists()).isFalse();
        } else {
            assertThat(find(Span.class).withId("jupyter-unavailable").single().getText())
                    .isEqualTo(t("container.jupyter.unavailable"));
            assertThat(find(Anchor.class).withId("jupyter-link").exists()).isFalse();
        }
        assertThat(button("open-terminal").isEnabled()).isTrue();

        Map<String, String> usage = formItems(find(Div.class).withId("container-metrics").single());
        assertThat(usage.get(t("container.metrics.cpu"))).matches("\\d+\\.\\d %");
        // The figures are formatted for the locale ("4,096"); what follows the amount used is the flavor's limit.
        String ofTheLimit = t("container.metrics.memory-of", "", flavor.memoryMib());
        assertThat(usage.get(t("container.metrics.memory"))).matches("[\\d,]+" + Pattern.quote(ofTheLimit));
        assertThat(usage.get(t("container.metrics.disk"))).matches("[\\d,]+ MiB");
        assertThat(usage.get(t("container.metrics.device", container.deviceIndexes().getFirst())))
                .isEqualTo(t("container.metrics.simulated"));

        assertThat(find(Div.class).withId("container-log").single().getText()).contains("epoch 1 done");
        Grid<?> events = grid("container-events");
        assertThat(column(events, t("container.state"))).containsExactly(t("container.state.queued"),
                t("container.state.creating"), t("container.state.running"));
    }

    @Test
    void anEndTimeWarningShowsItsTimeInTheReadersZoneAmongTheEvents() {
        // An end within the warning lead: the first resync after the start warns of it.
        Instant end = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        ContainerForm ending = new ContainerForm(projectId, "ending", passwordImage.id(), spec.id(), 1, flavor.id(),
                64, Set.of(), SSH_PASSWORD, TERMINAL_PASSWORD, null, true, RunWindow.startingNow().endingAt(end));
        Container container = awaitRunning(containers.create(ending).id());
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            reconciler.resync();
            return containers.events(container.id()).stream()
                    .anyMatch(e -> "workload.warning.end-time".equals(e.reason()));
        });

        navigate(ContainerDetailView.class, container.id());

        assertThat(column(grid("container-events"), t("container.event.reason")))
                .contains(t("workload.warning.end-time", Formats.dateTime(end)))
                .noneMatch(text -> text.contains(end.toString()));
    }

    @Test
    void theSshCommandIsCopiedToTheClipboardAndTheCopyIsConfirmed() {
        Container container = running("copy-me");
        navigate(ContainerDetailView.class, container.id());
        String command = find(Span.class).withId("ssh-command").single().getText();

        click("copy-ssh");

        PendingJavaScriptInvocation copy = pendingCopy();
        assertThat(copy.getInvocation().getParameters()).contains(command);
        copy.complete(JsonNodeFactory.instance.booleanNode(true));
        assertThat(notifications()).contains(t("clipboard.copied"));
    }

    /** The clipboard script the last click asked the browser to run. */
    static PendingJavaScriptInvocation pendingCopy() {
        // Scripts are queued for the browser at the end of the round trip.
        roundTrip();
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .filter(i -> i.getInvocation().getExpression().contains("navigator.clipboard.writeText"))
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("Nothing was copied"));
    }

    @Test
    void aQueuedContainerSaysWhyItWaitsAndItsOpenPageShowsItRunningAsSoonAsItDoes() {
        Container whole = awaitRunning(containers.create(form("whole-quota", QUOTA)).id());
        Container waiting = containers.create(form("waiting", 1));
        assertThat(waiting.state()).isEqualTo(Phase.QUEUED);
        navigate(ContainerDetailView.class, waiting.id());

        assertThat(shownState(waiting)).isEqualTo(t("container.state.queued"));
        QueuedRequest request = broker.request(waiting.brokerRequestId());
        assertThat(request.explanation().reason()).isEqualTo(Explanation.Reason.WAITING_FOR_PROJECT_QUOTA);
        assertThat(find(Paragraph.class).withId("container-explanation").single().getText())
                .isEqualTo(Explanations.sentence(request.explanation(), spec.name()))
                .contains(spec.name());

        // Nothing polls in this test: only a pushed change can move the page on.
        containers.stop(whole.id());

        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            roundTrip();
            assertThat(shownState(waiting)).isEqualTo(t("container.state.running"));
        });
        assertThat(find(Paragraph.class).withId("container-explanation").exists()).isFalse();
        assertThat(find(Span.class).withId("ssh-command").exists()).isTrue();
    }

    @Test
    void aRefusedContainerShowsTheBrokersExplanationOnItsOwnPage() {
        Container container = refused("refused");
        navigate(ContainerDetailView.class, container.id());

        QueuedRequest request = broker.request(container.brokerRequestId());
        assertThat(request.explanation().reason()).isEqualTo(Explanation.Reason.OVER_MAX_HOURS);
        assertThat(find(Paragraph.class).withId("container-explanation").single().getText())
                .isEqualTo(t("broker.reason.OVER_MAX_HOURS", 0, spec.name(), 0, 0, 1, 0, 0));
    }

    @Test
    void theTerminalButtonOpensTheWebTerminal() {
        Container container = running("shell");
        navigate(ContainerDetailView.class, container.id());

        click("open-terminal");

        assertThat(getCurrentView()).isInstanceOf(TerminalView.class);
    }

    @Test
    void stoppingMovesTheContainerToStoppedAndShowsItSo() {
        Container container = running("to-stop");
        navigate(ContainerDetailView.class, container.id());

        click("stop");

        // It asks first, in the action's own words, and nothing stops until the user confirms.
        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-action").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("container.stop.title", "to-stop"));
        assertThat(test(confirm).getText()).isEqualTo(t("container.stop.text", "to-stop"));
        assertThat(containers.container(container.id()).state()).isEqualTo(Phase.RUNNING);

        test(confirm).confirm();

        assertThat(containers.container(container.id()).state()).isEqualTo(Phase.STOPPED);
        assertThat(shownState(container)).isEqualTo(t("container.state.stopped"));
        assertThat(button("stop").isEnabled()).isFalse();
        assertThat(button("save-image").isEnabled()).isFalse();
        assertThat(find(Span.class).withId("ssh-command").exists()).isFalse();
        assertThat(column(grid("container-events"), t("container.state"))).endsWith(t("container.state.stopped"));
    }

    @Test
    void deletingAsksFirstAndThenReturnsToTheList() {
        Container container = running("to-delete");
        navigate(ContainerDetailView.class, container.id());

        click("delete");

        ConfirmDialog confirm = find(ConfirmDialog.class).withId("confirm-delete").single();
        assertThat(test(confirm).getHeader()).isEqualTo(t("confirm.delete.title", "to-delete"));
        assertThat(containers.container(container.id()).state()).isEqualTo(Phase.RUNNING);

        test(confirm).confirm();

        assertThat(getCurrentView()).isInstanceOf(ContainersView.class);
        assertThatThrownBy(() -> containers.container(container.id())).isInstanceOf(NotFound.class);
        assertThat(runtime.inspect(container.runtimeId()).state().isLive()).isFalse();
    }

    @Test
    void aContainerDeletedWhileItsPageIsOpenShowsTheNotFoundPage() {
        Container container = running("deleted-elsewhere");
        navigate(ContainerDetailView.class, container.id());
        containers.delete(container.id());

        ((ContainerDetailView) getCurrentView()).refresh();

        assertNotFound("container");
    }

    @Test
    void anotherUsersContainerIsNotFound() {
        Container container = refused("private");
        accounts.signInAsAdmin();
        String stranger = TestAccounts.uniqueName("stranger");
        accounts.create(stranger, PresetRole.USER);
        accounts.signInAs(stranger);

        assertNotFound(ContainerDetailView.class, container.id(), "container");
        assertThat(find(H2.class).withText(container.name()).exists()).isFalse();
        assertThat(find(Button.class).withId("stop").exists()).isFalse();
    }

    @Test
    void aMemberWhoSeesAllContainersMayNotOperateAnothers() {
        Container container = running("shared");
        letMembersSeeAllContainers();
        String member = TestAccounts.uniqueName("member");
        long memberId = accounts.create(member, PresetRole.USER);
        projects.addMembers(projectId, Set.of(memberId), ProjectRole.MEMBER);

        accounts.signInAs(member);
        navigate(ContainerDetailView.class, container.id());

        assertThat(shownState(container)).isEqualTo(t("container.state.running"));
        assertThat(button("stop").isEnabled()).isFalse();
        assertThat(button("delete").isEnabled()).isFalse();
        assertThat(find(Button.class).withId("save-image").exists()).isFalse();
        assertThat(find(Button.class).withId("open-terminal").exists()).isFalse();

        // The same page lets the owner act, so the buttons are off for the member, not for the container.
        accounts.signInAs(owner);
        navigate(ContainerDetailView.class, container.id());
        assertThat(button("stop").isEnabled()).isTrue();
        assertThat(button("delete").isEnabled()).isTrue();
        assertThat(button("save-image").isEnabled()).isTrue();
        assertThat(button("save-image").isVisible()).isTrue();
    }

    @Test
    void aManagerMayStopAMembersContainerButIsNotOfferedToSaveItAsAnImage() {
        Container container = running("managed");
        accounts.signInAsAdmin();
        String manager = TestAccounts.uniqueName("mg");
        long managerId = accounts.create(manager, PresetRole.USER);
        projects.addMembers(projectId, Set.of(managerId), ProjectRole.MANAGER);

        accounts.signInAs(manager);
        navigate(ContainerDetailView.class, container.id());

        assertThat(button("stop").isEnabled()).isTrue();
        assertThat(find(Button.class).withId("save-image").exists()).isFalse();
    }
}
