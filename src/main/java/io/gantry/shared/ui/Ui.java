package io.gantry.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.UserFacingException;
import java.util.List;
import java.util.stream.Collectors;

/** Small helpers every view uses: translated notifications and errors shown on the fields they belong to. */
public final class Ui {

    private Ui() {
    }

    public static String t(String key, Object... arguments) {
        return UI.getCurrent() == null ? key : UI.getCurrent().getTranslation(key, arguments);
    }

    public static void success(String key, Object... arguments) {
        Notification notification = Notification.show(t(key, arguments), 4000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String key, Object... arguments) {
        Notification notification = Notification.show(t(key, arguments), 6000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /**
     * The one way a refusal that belongs to no field of a form (or to no form: a click in a list) is shown: its
     * problems once, in one notification. Forms use {@link FormFields}.
     */
    public static void refused(UserFacingException refusal) {
        refused(problems(refusal));
    }

    static void refused(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        String message = problems.stream().map(Ui::translated).collect(Collectors.joining("\n"));
        Notification notification = Notification.show(message, 6000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** Every problem of a refusal: a form's many, or the one of any other user-facing error. */
    static List<FieldProblem> problems(UserFacingException e) {
        return e instanceof InvalidInput invalid ? invalid.problems()
                : List.of(new FieldProblem(e.field().orElse(null), e.messageKey(), e.arguments()));
    }

    /** A problem in the user's words; times among its arguments read in the user's locale and zone. */
    public static String translated(FieldProblem problem) {
        Object[] arguments = problem.arguments().clone();
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i] instanceof java.time.Instant instant) {
                arguments[i] = Formats.dateTime(instant);
            }
        }
        return t(problem.messageKey(), arguments);
    }

    /** A section title, with an action beside it if given, as the detail pages use them. */
    public static HorizontalLayout sectionHeader(String titleKey, Button action) {
        HorizontalLayout header = new HorizontalLayout(new H3(t(titleKey)));
        if (action != null) {
            action.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            header.add(action);
        }
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        return header;
    }

    public static void clearInvalid(Component... fields) {
        for (Component field : fields) {
            if (field instanceof HasValidation v) {
                v.setInvalid(false);
            }
        }
    }
}
