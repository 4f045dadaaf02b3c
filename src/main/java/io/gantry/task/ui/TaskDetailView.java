package io.gantry.task.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;
import io.gantry.broker.ui.Explanations;
import io.gantry.shared.NotFound;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import io.gantry.task.Task;
import io.gantry.task.TaskDetail;
import io.gantry.task.TaskEvent;
import io.gantry.task.TaskLogLine;
import io.gantry.task.TaskService;
import io.gantry.task.TemplateService;
import io.gantry.workload.Phase;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * A task's detail (AI-Stack 六.2): its hardware, image and command, its state, exit code and duration, its events,
 * and its log with each line tagged with its phase (Apulis 5.8), live while it runs and downloadable as text. Stop it
 * while it waits or runs; once it ended, save its settings as a template or run it again.
 */
@Route("tasks")
@RolesAllowed(Permission.Names.TASKS_USE)
public class TaskDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    /** How often an open page reads the log of a task that has not ended. */
    static final int LOG_POLL_MILLIS = 2000;

    private final TaskService tasks;
    private final TemplateService templates;
    private final Clock clock;
    final Div log = new Div();
    /** The reader's language and zone, read while the page is built: the download is written outside the page. */
    private final Locale locale = Formats.locale();
    private final ZoneId zone = Formats.zone();
    /** The log as a text file, a line each tagged with its phase, the platform's lines in the reader's language. */
    private final DownloadHandler logDownload;
    private long taskId;
    private Phase shownState;
    private long shownWorkload = -1;
    private int shownLines;
    private Registration polling;

    public TaskDetailView(TaskService tasks, TemplateService templates, TaskUpdates updates, Clock clock) {
        this.tasks = tasks;
        this.templates = templates;
        this.clock = clock;
        this.logDownload = event -> {
            TaskDetail detail = tasks.detail(taskId);
            event.setFileName(detail.task().name() + ".txt");
            event.setContentType("text/plain; charset=UTF-8");
            try (OutputStream out = event.getOutputStream()) {
                out.write(logText(detail).getBytes(StandardCharsets.UTF_8));
            }
        };
        addClassName("gantry-page");
        updates.follow(this, changed -> {
            if (changed.workloadId() == shownWorkload) {
                refresh();
            }
        });
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        taskId = id == null ? -1 : id;
        render();
    }

    private void render() {
        removeAll();
        TaskDetail detail = tasks.detail(taskId);
        Task task = detail.task();
        shownState = task.phase();
        shownWorkload = task.workloadId();
        Span badge = TaskStates.badge(task.phase());
        badge.setId("task-state");
        HorizontalLayout title = new HorizontalLayout(new H2(task.name()), badge);
        title.setAlignItems(Alignment.BASELINE);
        add(title);
        String reason = TaskStates.reason(task.reason(), task.reasonArguments());
        if (reason != null) {
            Paragraph why = new Paragraph(reason);
            why.setId("task-reason");
            add(why);
        }
        if (detail.row().waitsBecause() != null) {
            Paragraph waits = new Paragraph(Explanations.sentence(detail.row().waitsBecause(), task.specName()));
            waits.setId("task-explanation");
            add(waits);
        }
        add(actions(detail));
        add(info(task));
        Anchor download = new Anchor(logDownload, getTranslation("task.ui.log.download"));
        download.setId("task-log-download");
        add(Ui.sectionHeader("task.ui.log", null), download, log);
        log.addClassName("gantry-log");
        log.setId("task-log");
        log.removeAll();
        shownLines = 0;
        showLog(detail.log());
        add(Ui.sectionHeader("task.ui.events", null), events(detail.events()));
        follow();
    }

    private HorizontalLayout actions(TaskDetail detail) {
        Task task = detail.task();
        Button back = new Button(getTranslation("task.ui.back"),
                e -> getUI().ifPresent(ui -> ui.navigate(TasksView.class)));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button stop = new Button(getTranslation("task.ui.stop"), e -> Confirm.action(
                getTranslation("task.ui.stop.title", task.name()), getTranslation("task.ui.stop.text", task.name()),
                getTranslation("task.ui.stop"), () -> act(() -> tasks.stop(taskId))));
        stop.setId("task-stop");
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        stop.setVisible(detail.row().operable() && !task.ended());
        stop.setEnabled(task.phase() != Phase.STOPPING);
        Button saveTemplate = new Button(getTranslation("task.ui.save-template"),
                e -> new SaveTemplateDialog(templates, tasks.settingsOf(taskId), Ui::refused).open());
        saveTemplate.setId("task-save-template");
        saveTemplate.setVisible(task.ended());
        Button runAgain = new Button(getTranslation("task.ui.run-again"), e -> getUI().ifPresent(ui ->
                ui.navigate(TaskRunView.class, QueryParameters.of(TaskRunView.FROM, String.valueOf(taskId)))));
        runAgain.setId("task-run-again");
        runAgain.setVisible(task.ended());
        return new HorizontalLayout(back, stop, saveTemplate, runAgain);
    }

    private void act(Runnable action) {
        try {
            action.run();
            render();
        } catch (UserFacingException e) {
            Ui.refused(e);
        }
    }

    private FormLayout info(Task task) {
        FormLayout info = new FormLayout();
        item(info, "task.ui.spec", task.specName(), null);
        item(info, "task.ui.devices", task.nodes() > 1
                ? getTranslation("task.ui.total.gang", task.nodes(), task.devices(), task.nodes() * task.devices())
                : getTranslation("task.ui.total.single", task.devices()), "task-devices-info");
        item(info, "task.ui.nodes", String.valueOf(task.nodes()), null);
        item(info, "task.ui.cpu", getTranslation("task.ui.cores", task.cpuCores()), null);
        item(info, "task.ui.memory", Formats.memory(task.memoryMib()), null);
        item(info, "task.ui.shared-memory", task.sharedMemoryMib() == 0 ? getTranslation("task.ui.shared-memory.none")
                : getTranslation("task.ui.mib", task.sharedMemoryMib()), null);
        item(info, "task.ui.image", task.imageReference(), null);
        item(info, "task.ui.framework", TaskStates.framework(task.framework()), null);
        item(info, "task.ui.preemptible", getTranslation(task.preemptible() ? "task.ui.yes" : "task.ui.no"), null);
        item(info, "task.ui.max-minutes", task.maxRunMinutes() == null ? getTranslation("task.ui.max-minutes.none")
                : getTranslation("task.ui.minutes", task.maxRunMinutes()), null);
        item(info, "task.ui.exit-code", task.exitCode() == null ? "-" : String.valueOf(task.exitCode()),
                "task-exit-code");
        item(info, "task.ui.created", Formats.dateTime(task.createdAt()), null);
        item(info, "task.ui.started", Formats.orDash(Formats.dateTime(task.startedAt())), null);
        item(info, "task.ui.ended", Formats.orDash(Formats.dateTime(task.endedAt())), null);
        item(info, "task.ui.duration", TaskStates.duration(task.duration(clock.instant())), "task-duration");
        item(info, "task.ui.owner", task.ownerName(), null);
        Span command = new Span(task.command());
        command.addClassName("gantry-command");
        command.getStyle().set("white-space", "pre-wrap").set("user-select", "text");
        command.setId("task-command-info");
        info.setColspan(info.addFormItem(command, getTranslation("task.ui.command")), 2);
        return info;
    }

    private void item(FormLayout info, String labelKey, String value, String id) {
        Span shown = new Span(Formats.orDash(value));
        if (id != null) {
            shown.setId(id);
        }
        info.addFormItem(shown, getTranslation(labelKey));
    }

    // ---- the log ---------------------------------------------------------------------------------------------------

    /** The log's download, as the link on the page serves it. */
    DownloadHandler logDownload() {
        return logDownload;
    }

    /** Adds the lines not shown yet, and keeps the end of the log in view. */
    private void showLog(List<TaskLogLine> lines) {
        if (lines.isEmpty()) {
            if (shownLines == 0 && log.getChildren().findAny().isEmpty()) {
                Span empty = new Span(getTranslation("task.ui.log.empty"));
                empty.addClassName("task-log-empty");
                log.add(empty);
            }
            return;
        }
        if (shownLines == 0) {
            log.removeAll();
        }
        for (TaskLogLine line : lines.subList(Math.min(shownLines, lines.size()), lines.size())) {
            log.add(line(line));
        }
        shownLines = lines.size();
        log.getElement().executeJs("this.scrollTop = this.scrollHeight");
    }

    private Div line(TaskLogLine line) {
        Span tag = new Span(TaskStates.phase(line.phase()));
        tag.getElement().setAttribute("theme", "badge small contrast");
        tag.addClassName("log-phase");
        tag.getStyle().set("margin-inline-end", "var(--lumo-space-s)");
        Span text = new Span(text(line, locale));
        text.addClassName("log-text");
        if (!line.output()) {
            // The platform's own lines read apart from what the command printed.
            text.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-style", "italic");
        }
        Div shown = new Div(tag, text);
        shown.addClassName("log-line");
        shown.getElement().setAttribute("data-phase", TaskStates.dataPhase(line.phase()));
        return shown;
    }

    /** A line's text: the command's output as printed, a platform line in the reader's language. */
    private String text(TaskLogLine line, Locale in) {
        if (line.output()) {
            return line.text();
        }
        return getTranslation(in, line.key(), line.arguments().stream().map(this::shown).toArray());
    }

    /** A time among a platform line's arguments reads in the reader's zone and language. */
    private Object shown(String argument) {
        try {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(zone)
                    .format(Instant.parse(argument));
        } catch (DateTimeParseException notATime) {
            return argument;
        }
    }

    /** The whole log as the download writes it: "[phase] text", a line each. */
    String logText(TaskDetail detail) {
        StringBuilder text = new StringBuilder();
        for (TaskLogLine line : detail.log()) {
            text.append('[').append(getTranslation(locale, "task.ui.phase." + TaskStates.dataPhase(line.phase())))
                    .append("] ").append(text(line, locale)).append('\n');
        }
        return text.toString();
    }

    private Grid<TaskEvent> events(List<TaskEvent> events) {
        Grid<TaskEvent> grid = new Grid<>();
        grid.addColumn(e -> Formats.dateTime(e.at())).setHeader(getTranslation("task.ui.event.at"))
                .setAutoWidth(true);
        grid.addComponentColumn(e -> e.from() == null ? new Span("-") : TaskStates.badge(e.from()))
                .setHeader(getTranslation("task.ui.event.from")).setAutoWidth(true);
        grid.addComponentColumn(e -> TaskStates.badge(e.to())).setHeader(getTranslation("task.ui.event.to"))
                .setAutoWidth(true);
        grid.addColumn(e -> Formats.orDash(TaskStates.reason(e.reason(), e.arguments())))
                .setHeader(getTranslation("task.ui.event.reason"));
        grid.setItems(events);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("task.ui.events.empty"));
        grid.setId("task-events");
        return grid;
    }

    // ---- following the task while it has not ended -------------------------------------------------------------------

    @Override
    protected void onAttach(AttachEvent attach) {
        super.onAttach(attach);
        follow();
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        stopPolling();
        super.onDetach(detach);
    }

    /** Polls while the task has not ended: its log grows without a state change to announce it. */
    private void follow() {
        if (shownState == null || !isAttached()) {
            return;
        }
        if (shownState.isLive() && polling == null) {
            getUI().ifPresent(ui -> {
                ui.setPollInterval(LOG_POLL_MILLIS);
                polling = ui.addPollListener(poll -> refresh());
            });
        } else if (!shownState.isLive()) {
            stopPolling();
        }
    }

    private void stopPolling() {
        if (polling != null) {
            polling.remove();
            polling = null;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }

    /** Re-renders when the state moved; otherwise adds the new log lines. */
    void refresh() {
        TaskDetail detail;
        try {
            detail = tasks.detail(taskId);
        } catch (NotFound gone) {
            // Deleted while open: opening the page again shows the not-found page.
            stopPolling();
            getUI().ifPresent(ui -> ui.navigate(TaskDetailView.class, taskId));
            return;
        }
        if (detail.task().phase() != shownState) {
            render();
        } else {
            showLog(detail.log());
        }
    }
}
