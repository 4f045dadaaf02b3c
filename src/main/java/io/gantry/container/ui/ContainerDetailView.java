package io.gantry.container.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.gantry.broker.ui.Explanations;
import io.gantry.container.Container;
import io.gantry.container.ContainerDetail;
import io.gantry.container.ContainerEvent;
import io.gantry.container.ContainerService;
import io.gantry.container.MetricSample;
import io.gantry.workload.Phase;
import io.gantry.shell.UserRefresh;
import io.gantry.runtime.WorkloadMetrics;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ui.Chart;
import io.gantry.shared.ui.ChartModel;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.CopyToClipboardButton;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;
import java.util.Optional;

/**
 * A container's detail (AI-Stack 五.2): what it was created with, how to reach it (the SSH command, Jupyter, the web
 * terminal), its usage (CPU, memory, disk, network, devices), its output and its events; stop, delete and save as
 * image for those who may operate it.
 */
@Route("containers")
@RolesAllowed(Permission.Names.CONTAINERS_USE)
public class ContainerDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    private static final int LOG_LINES = 200;

    private final ContainerService containers;
    private final Div metrics = new Div();
    private final Div log = new Div();
    private final Div charts = new Div();
    private final Chart cpuChart = chart("chart-cpu");
    private final Chart memoryChart = chart("chart-memory");
    private final Chart diskChart = chart("chart-disk");
    private final Chart networkChart = chart("chart-network");
    private final Chart gpuChart = chart("chart-gpu");
    private final Span networkNone = new Span();
    private final Span gpuNone = new Span();
    private long containerId;
    private Phase shownState;
    /** The workload the page shows, so that it follows that workload's changes. */
    private long shownWorkload = -1;

    public ContainerDetailView(ContainerService containers, ContainerUpdates updates) {
        this.containers = containers;
        addClassName("gantry-page");
        UserRefresh.every(this, this::refresh);
        updates.follow(this, changed -> {
            if (changed.workloadId() == shownWorkload) {
                refresh();
            }
        });
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        containerId = id == null ? -1 : id;
        render();
    }

    private void render() {
        removeAll();
        ContainerDetail detail = containers.detail(containerId, LOG_LINES);
        Container container = detail.container();
        shownState = container.state();
        shownWorkload = container.workloadId();
        boolean operable = detail.operable();
        HorizontalLayout title = new HorizontalLayout(new H2(container.name()), ContainerStates.badge(container.state()));
        title.setAlignItems(Alignment.BASELINE);
        add(title);
        String reason = ContainerStates.reason(container);
        if (reason != null) {
            Paragraph why = new Paragraph(reason);
            why.setId("container-reason");
            add(why);
        }
        explanation(detail);
        add(actions(container, operable, detail.owner()));
        add(info(container));
        if (container.state() == Phase.RUNNING) {
            add(Ui.sectionHeader("container.connect", null), connection(detail.connection(), operable));
            add(Ui.sectionHeader("container.metrics", null), metrics);
            metrics.setId("container-metrics");
            showMetrics(detail.metrics());
            add(Ui.sectionHeader("container.monitoring", null), charts);
            layoutCharts();
            showCharts();
        }
        if (operable && container.state() != Phase.STOPPING) {
            add(Ui.sectionHeader("container.upload", null), upload());
        }
        Button reload = new Button(getTranslation("container.log.reload"), e -> refreshLog());
        Anchor download = new Anchor(DownloadHandler.fromInputStream(event -> {
            try {
                return new DownloadResponse(containers.log(containerId), container.runtimeId() + ".log",
                        "text/plain", -1);
            } catch (java.io.IOException e) {
                return DownloadResponse.error(500);
            }
        }), getTranslation("container.log.download"));
        download.setId("download-log");
        add(Ui.sectionHeader("container.log", reload), download, log);
        log.addClassName("gantry-log");
        log.setId("container-log");
        showLog(detail.logTail());
        add(Ui.sectionHeader("container.events", null), events(detail));
    }

    /** Why a queued container waits, or why the broker refused it, in the queue pages' words. */
    private void explanation(ContainerDetail detail) {
        if (detail.explanation() != null) {
            Paragraph why = new Paragraph(Explanations.sentence(detail.explanation(), detail.specName()));
            why.setId("container-explanation");
            add(why);
        }
    }

    private HorizontalLayout actions(Container container, boolean operable, boolean owner) {
        Button stop = new Button(getTranslation("container.stop"), e -> Confirm.action(
                getTranslation("container.stop.title", container.name()),
                getTranslation("container.stop.text", container.name()),
                getTranslation("container.stop"), () -> act(() -> containers.stop(containerId))));
        stop.setId("stop");
        // A platform admin who does not manage the project may stop it (job management), not delete it.
        stop.setEnabled((operable || containers.canStop(containerId)) && (container.state() == Phase.RUNNING
                || container.state() == Phase.QUEUED));
        Button delete = new Button(getTranslation("action.delete"), e -> Confirm.delete(container.name(), () -> {
            act(() -> containers.delete(containerId));
            getUI().ifPresent(ui -> ui.navigate(ContainersView.class));
        }));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setId("delete");
        delete.setEnabled(operable && container.state() != Phase.STOPPING
                && container.state() != Phase.CREATING);
        Button startAgain = new Button(getTranslation("container.start-again"), e -> Confirm.action(
                getTranslation("container.start-again.title", container.name()),
                getTranslation("container.start-again.text", container.name()),
                getTranslation("container.start-again"), this::startAgain));
        startAgain.setId("start-again");
        startAgain.setVisible(operable && container.state() == Phase.STOPPED);
        Button saveImage = new Button(getTranslation("container.save-image"),
                e -> new SaveImageDialog(containers, container).open());
        saveImage.setId("save-image");
        saveImage.setEnabled(container.state() == Phase.RUNNING);
        // Only the owner: the image would copy the owner's private files for the whole project.
        saveImage.setVisible(owner);
        Button back = new Button(getTranslation("container.back"),
                e -> getUI().ifPresent(ui -> ui.navigate(ContainersView.class)));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(back, stop, startAgain, saveImage, delete);
    }

    /** A new container with the same settings; the page moves to it so the user watches it start. */
    private void startAgain() {
        try {
            Container started = containers.startAgain(containerId);
            getUI().ifPresent(ui -> ui.navigate(ContainerDetailView.class, started.id()));
        } catch (UserFacingException e) {
            Ui.refused(e);
        }
    }

    /**
     * Uploads into the owner's workspace, streamed to the runtime as it arrives; the browser refuses files above the
     * limit before sending them, the service refuses them again (a browser can be told anything), and both point to
     * SCP/SFTP, whose commands are shown beside it.
     */
    private VerticalLayout upload() {
        long limitMb = ContainerService.UPLOAD_MAX_BYTES / 1_000_000;
        UploadHandler handler = event -> {
            try {
                long written = containers.upload(containerId, event.getFileName(), event.getFileSize(),
                        event.getInputStream());
                event.getUI().access(() -> Notification.show(getTranslation("container.upload.done",
                        event.getFileName(), Formats.count(written)), 4000, Notification.Position.BOTTOM_START));
            } catch (UserFacingException e) {
                // Translated in the page's UI, which knows the reader's language.
                event.reject();
                event.getUI().access(() -> refusedUpload(e));
            }
        };
        Upload upload = new Upload(handler);
        upload.setId("workspace-upload");
        upload.setMaxFileSize((int) ContainerService.UPLOAD_MAX_BYTES);
        upload.addFileRejectedListener(e -> refusedUpload(getTranslation("container.upload.too-large", limitMb)));
        VerticalLayout box = new VerticalLayout(new Paragraph(getTranslation("container.upload.hint", limitMb)),
                upload);
        box.setPadding(false);
        containers.fileTransfer(containerId).ifPresent(transfer -> {
            Paragraph larger = new Paragraph(getTranslation("container.upload.larger", limitMb));
            box.add(larger, command("scp-command", transfer.scp()), command("sftp-command", transfer.sftp()));
        });
        return box;
    }

    private void refusedUpload(UserFacingException refusal) {
        refusedUpload(Ui.translated(refusal instanceof InvalidInput invalid ? invalid.problems().getFirst()
                : new io.gantry.shared.FieldProblem(null, refusal.messageKey(), refusal.arguments())));
    }

    private void refusedUpload(String message) {
        String hint = containers.fileTransfer(containerId).map(t -> " " + getTranslation("container.upload.use-scp",
                t.scp())).orElse("");
        Notification shown = Notification.show(message + hint, 8000, Notification.Position.MIDDLE);
        shown.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private HorizontalLayout command(String id, String text) {
        Span command = new Span(text);
        command.addClassName("gantry-command");
        command.setId(id);
        CopyToClipboardButton copy = new CopyToClipboardButton(text);
        copy.setId("copy-" + id);
        HorizontalLayout row = new HorizontalLayout(command, copy);
        row.setAlignItems(Alignment.CENTER);
        return row;
    }

    private static Chart chart(String id) {
        Chart chart = new Chart();
        chart.setId(id);
        chart.setHeight("16em");
        return chart;
    }

    private void layoutCharts() {
        charts.removeAll();
        charts.addClassName("container-charts");
        charts.setWidthFull();
        // Side by side where the page is wide enough, one under the other on a narrow screen.
        charts.getStyle().set("display", "grid").set("gap", "var(--lumo-space-m)")
                .set("grid-template-columns", "repeat(auto-fit, minmax(min(100%, 28em), 1fr))");
        networkNone.setText(getTranslation("container.monitoring.network-none"));
        networkNone.setId("chart-network-none");
        networkNone.addClassName(LumoUtility.TextColor.SECONDARY);
        gpuNone.addClassName(LumoUtility.TextColor.SECONDARY);
        gpuNone.setText(getTranslation("container.monitoring.gpu-none"));
        gpuNone.setId("chart-gpu-none");
        charts.add(titled("container.monitoring.cpu", cpuChart), titled("container.monitoring.memory", memoryChart),
                titled("container.monitoring.disk", diskChart),
                titled("container.monitoring.network", networkChart, networkNone),
                titled("container.monitoring.gpu", gpuChart, gpuNone));
    }

    private Div titled(String key, com.vaadin.flow.component.Component... content) {
        // The title on a line of its own, above the chart or the sentence saying there is none.
        Span title = new Span(getTranslation(key));
        title.addClassNames(LumoUtility.Display.BLOCK, LumoUtility.FontWeight.SEMIBOLD);
        Div box = new Div(title);
        box.add(content);
        return box;
    }

    /** The last hour as sampled by the replica running the container, the same on every replica. */
    private void showCharts() {
        MonitoringCharts model = new MonitoringCharts(containers.metricHistory(containerId),
                new MonitoringCharts.Words(getTranslation("container.monitoring.cpu"),
                        getTranslation("container.monitoring.memory-used"),
                        getTranslation("container.monitoring.memory-limit"),
                        getTranslation("container.monitoring.disk"),
                        getTranslation("container.monitoring.received"), getTranslation("container.monitoring.sent"),
                        getTranslation("container.monitoring.gpu-utilisation"),
                        getTranslation("container.monitoring.gpu-memory"), getTranslation("container.monitoring.mib"),
                        getTranslation("container.monitoring.kib-per-second")));
        cpuChart.setModel(model.cpu());
        memoryChart.setModel(model.memory());
        diskChart.setModel(model.disk());
        java.util.Optional<ChartModel> network = model.network();
        network.ifPresent(networkChart::setModel);
        networkChart.setVisible(network.isPresent());
        networkNone.setVisible(network.isEmpty());
        java.util.Optional<ChartModel> gpu = model.gpu();
        gpu.ifPresent(gpuChart::setModel);
        gpuChart.setVisible(gpu.isPresent());
        gpuNone.setVisible(gpu.isEmpty());
    }

    private void act(Runnable action) {
        try {
            action.run();
            render();
        } catch (UserFacingException e) {
            Ui.refused(e);
        }
    }

    private FormLayout info(Container container) {
        FormLayout info = new FormLayout();
        info.addFormItem(new Span(container.imageReference()), getTranslation("container.image"));
        info.addFormItem(new Span(container.runtimeId()), getTranslation("container.deployment-id"));
        info.addFormItem(new Span(getTranslation("container.resources", container.devices(), container.cpuCores(),
                Formats.memory(container.memoryMib()), Formats.memory(container.sharedMemoryMib()))),
                getTranslation("container.resources.label"));
        info.addFormItem(new Span(container.deviceIndexes().isEmpty() ? "-"
                : container.deviceIndexes().toString()), getTranslation("container.device-indexes"));
        info.addFormItem(new Span(Formats.dateTime(container.createdAt())), getTranslation("container.created"));
        info.addFormItem(new Span(Formats.dateTime(container.startedAt())), getTranslation("container.started"));
        info.addFormItem(new Span(getTranslation("container.workspace.path")), getTranslation("container.workspace"));
        return info;
    }

    private VerticalLayout connection(ContainerService.Connection connection, boolean operable) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        if (connection.sshCommand() != null) {
            Span command = new Span(connection.sshCommand());
            command.addClassName("gantry-command");
            command.setId("ssh-command");
            CopyToClipboardButton copy = new CopyToClipboardButton(connection.sshCommand());
            copy.setId("copy-ssh");
            HorizontalLayout ssh = new HorizontalLayout(new Span(getTranslation("container.ssh")), command, copy);
            ssh.setAlignItems(Alignment.CENTER);
            box.add(ssh);
        }
        if (connection.jupyterPath() != null) {
            // Gantry's own path, which hands the browser on to the container's Jupyter host with a fresh ticket.
            Anchor jupyter = new Anchor(connection.jupyterPath().substring(1), getTranslation("container.jupyter.open"));
            jupyter.setTarget(AnchorTarget.BLANK);
            jupyter.setId("jupyter-link");
            box.add(new HorizontalLayout(new Span(getTranslation("container.jupyter")), jupyter));
        } else if (connection.jupyterUnavailable() || connection.jupyterStarting()) {
            Span notYet = new Span(getTranslation(connection.jupyterUnavailable() ? "container.jupyter.unavailable"
                    : "container.jupyter.starting"));
            notYet.setId(connection.jupyterUnavailable() ? "jupyter-unavailable" : "jupyter-starting");
            box.add(new HorizontalLayout(new Span(getTranslation("container.jupyter")), notYet));
        }
        if (connection.terminal() && operable) {
            Button terminal = new Button(getTranslation("container.terminal.open"),
                    e -> getUI().ifPresent(ui -> ui.navigate(TerminalView.class, containerId)));
            terminal.setId("open-terminal");
            box.add(new HorizontalLayout(new Span(getTranslation("container.terminal")), terminal));
        }
        return box;
    }

    private void refreshMetrics() {
        showMetrics(containers.metrics(containerId));
        showCharts();
    }

    private void showMetrics(Optional<WorkloadMetrics> reading) {
        metrics.removeAll();
        if (reading.isEmpty()) {
            metrics.add(new Span(getTranslation("container.metrics.none")));
            return;
        }
        WorkloadMetrics m = reading.get();
        FormLayout figures = new FormLayout();
        figures.addFormItem(new Span(String.format(Locale.ROOT, "%.1f %%", m.cpuPercent())),
                getTranslation("container.metrics.cpu"));
        figures.addFormItem(new Span(getTranslation("container.metrics.memory-of", mib(m.memoryBytes()),
                mib(m.memoryLimitBytes()))), getTranslation("container.metrics.memory"));
        figures.addFormItem(new Span(getTranslation("container.metrics.mib", mib(m.diskBytes()))),
                getTranslation("container.metrics.disk"));
        figures.addFormItem(new Span(m.networkReceivedBytes() == null ? getTranslation("container.metrics.shared-network")
                : getTranslation("container.metrics.network-figures", mib(m.networkReceivedBytes()),
                mib(m.networkSentBytes()))), getTranslation("container.metrics.network"));
        for (WorkloadMetrics.DeviceMetrics device : m.devices()) {
            String text = device.simulated() ? getTranslation("container.metrics.simulated")
                    : device.utilisationPercent() == null ? "-"
                    : getTranslation("container.metrics.device-figures", Math.round(device.utilisationPercent()),
                    mib(device.memoryUsedBytes()), mib(device.memoryTotalBytes()));
            figures.addFormItem(new Span(text), getTranslation("container.metrics.device", device.index()));
        }
        metrics.add(figures);
    }

    private void refreshLog() {
        showLog(containers.tail(containerId, LOG_LINES));
    }

    private void showLog(java.util.List<String> lines) {
        log.setText(String.join("\n", lines));
        if (log.getText().isEmpty()) {
            log.setText(getTranslation("container.log.empty"));
        }
    }

    private Grid<ContainerEvent> events(ContainerDetail detail) {
        Grid<ContainerEvent> grid = new Grid<>();
        grid.addColumn(e -> Formats.dateTime(e.at())).setHeader(getTranslation("container.event.at"))
                .setAutoWidth(true);
        grid.addComponentColumn(e -> ContainerStates.badge(e.state())).setHeader(getTranslation("container.state"))
                .setAutoWidth(true);
        grid.addColumn(e -> Formats.orDash(ContainerStates.reason(e.reason(), e.reasonArguments())))
                .setHeader(getTranslation("container.event.reason"));
        grid.setItems(detail.events());
        grid.setAllRowsVisible(true);
        grid.setId("container-events");
        return grid;
    }

    private static long mib(Long bytes) {
        return bytes == null ? 0 : bytes >> 20;
    }


    /** Re-renders when the state moved (queued to running, say); otherwise only the figures change. */
    void refresh() {
        Phase now;
        try {
            now = containers.container(containerId).state();
        } catch (NotFound gone) {
            // Deleted while open: opening the page again shows the not-found page.
            getUI().ifPresent(ui -> ui.navigate(ContainerDetailView.class, containerId));
            return;
        }
        if (now != shownState) {
            render();
        } else if (now == Phase.RUNNING) {
            refreshMetrics();
        }
    }

}
