package io.gantry.container.ui;

import com.vaadin.flow.component.html.Span;
import io.gantry.container.Container;
import io.gantry.workload.Phase;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import java.util.Locale;

/** How a container's state and reason read on every screen. */
final class ContainerStates {

    private ContainerStates() {
    }

    static Span badge(Phase state) {
        Span badge = new Span(Ui.t("container.state." + state.name().toLowerCase(Locale.ROOT)));
        String theme = switch (state) {
            case RUNNING, SUCCEEDED -> "badge success";
            case FAILED, REJECTED -> "badge error";
            case STOPPED, DELETED -> "badge contrast";
            default -> "badge";
        };
        badge.getElement().setAttribute("theme", theme);
        badge.addClassName("container-state");
        return badge;
    }

    /** The reason in the user's language, or null. */
    static String reason(Container container) {
        return reason(container.reason(), container.reasonArguments());
    }

    static String reason(String key, java.util.List<String> arguments) {
        return key == null ? null : Ui.t(key, arguments.stream().map(ContainerStates::shown).toArray());
    }

    /** A time among a reason's arguments (an end time, say) reads in the reader's zone and language. */
    private static Object shown(String argument) {
        try {
            return Formats.dateTime(java.time.Instant.parse(argument));
        } catch (java.time.format.DateTimeParseException notATime) {
            return argument;
        }
    }
}
