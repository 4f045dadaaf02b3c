package io.gantry.task.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import io.gantry.task.LogPhase;
import io.gantry.workload.Phase;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** How a task's state, reason, phase and duration read on every task screen. */
final class TaskStates {

    private static final List<String> FRAMEWORK_TYPES = List.of("pytorch", "tensorflow", "mindspore", "other");

    private TaskStates() {
    }

    static String label(Phase state) {
        return Ui.t("task.ui.state." + state.name().toLowerCase(Locale.ROOT));
    }

    /**
     * The state as a badge. The three ends differ by an icon as well as by colour, so that they stay apart in the dark
     * theme and for a reader who does not tell the colours apart.
     */
    static Span badge(Phase state) {
        Span badge = new Span();
        VaadinIcon icon = switch (state) {
            case SUCCEEDED -> VaadinIcon.CHECK;
            case FAILED, REJECTED -> VaadinIcon.CLOSE_SMALL;
            case STOPPED, DELETED -> VaadinIcon.STOP;
            case RUNNING -> VaadinIcon.PLAY;
            default -> VaadinIcon.CLOCK;
        };
        Icon shown = icon.create();
        shown.getStyle().set("padding", "var(--lumo-space-xs)");
        badge.add(shown, new Span(label(state)));
        String theme = switch (state) {
            case SUCCEEDED -> "badge success";
            case FAILED, REJECTED -> "badge error";
            case STOPPED, DELETED -> "badge contrast";
            case RUNNING, CREATING -> "badge primary";
            default -> "badge";
        };
        badge.getElement().setAttribute("theme", theme);
        badge.addClassName("task-state");
        badge.getElement().setAttribute("data-state", state.name());
        return badge;
    }

    /** A reason kept as a message key with its arguments, in the reader's words; null without one. */
    static String reason(String key, List<String> arguments) {
        return key == null ? null : Ui.t(key, arguments.stream().map(TaskStates::shown).toArray());
    }

    /** A time among a reason's arguments reads in the reader's zone and language. */
    private static Object shown(String argument) {
        try {
            return Formats.dateTime(Instant.parse(argument));
        } catch (DateTimeParseException notATime) {
            return argument;
        }
    }

    /** A log phase's tag, as the log and its download show it. */
    static String phase(LogPhase phase) {
        return Ui.t("task.ui.phase." + dataPhase(phase));
    }

    /** The phase as the log line's {@code data-phase}: preparing, pulling, running, cleaning-up. */
    static String dataPhase(LogPhase phase) {
        return phase.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "1 h 5 min", "3 min 20 s", "42 s"; a dash before it started. */
    static String duration(Duration duration) {
        if (duration == null) {
            return "-";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds >= 3600) {
            return Ui.t("task.ui.duration.hours", seconds / 3600, seconds % 3600 / 60);
        }
        if (seconds >= 60) {
            return Ui.t("task.ui.duration.minutes", seconds / 60, seconds % 60);
        }
        return Ui.t("task.ui.duration.seconds", seconds);
    }

    /** A custom image's framework type in the reader's words; a public image by its name. */
    static String framework(String framework) {
        return framework != null && FRAMEWORK_TYPES.contains(framework)
                ? Ui.t("task.ui.framework." + framework) : Formats.orDash(framework);
    }
}
