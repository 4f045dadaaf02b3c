package io.gantry.schedule.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import io.gantry.schedule.TriggerPreview;
import io.gantry.schedule.cron.Trigger;
import io.gantry.schedule.cron.TriggerDescriptions;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A schedule's trigger (AI-Stack 六.5 "觸發時間"): every N minutes, hourly at, daily at, weekly on, monthly on, or a
 * raw cron expression for experts, showing only the fields of the chosen kind. Under them it always shows the cron
 * expression, the sentence describing it and the next five fire times, from the preview the schedule form supplies
 * (with the schedule's zone, start and end), so that the editor needs no service of its own. A problem of the
 * expression shows on the cron field when the user typed it, on the editor otherwise.
 */
public class TriggerEditor extends CustomField<Trigger> {

    /** The kinds the editor offers, in the order of its select. */
    public enum Kind {
        EVERY_MINUTES, HOURLY, DAILY, WEEKLY, MONTHLY, CRON;

        static Kind of(Trigger trigger) {
            return switch (trigger) {
                case Trigger.EveryMinutes ignored -> EVERY_MINUTES;
                case Trigger.Hourly ignored -> HOURLY;
                case Trigger.Daily ignored -> DAILY;
                case Trigger.Weekly ignored -> WEEKLY;
                case Trigger.Monthly ignored -> MONTHLY;
                case Trigger.Cron ignored -> CRON;
            };
        }

        String labelKey() {
            return "cron.kind." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What a new schedule starts with: every day at 20:00, as the manual's example. */
    public static final Trigger DEFAULT = new Trigger.Daily(LocalTime.of(20, 0));

    private static final int DEFAULT_MINUTES = 15;
    private static final int DEFAULT_MINUTE = 0;
    private static final LocalTime DEFAULT_TIME = LocalTime.of(20, 0);
    private static final Set<DayOfWeek> DEFAULT_DAYS = EnumSet.of(DayOfWeek.MONDAY);
    private static final int DEFAULT_DAY_OF_MONTH = 1;

    private final Function<Trigger, TriggerPreview> preview;

    private final Select<Kind> kind = new Select<>();
    private final IntegerField minutes = new IntegerField();
    private final IntegerField minute = new IntegerField();
    private final TimePicker time = new TimePicker();
    private final CheckboxGroup<DayOfWeek> days = new CheckboxGroup<>();
    private final IntegerField dayOfMonth = new IntegerField();
    private final TextField cron = new TextField();

    private final Span expression = new Span();
    private final Span description = new Span();
    private final UnorderedList nextFires = new UnorderedList();

    /** Set while the value is shown, so that filling the fields is not taken for the user's change. */
    private boolean presenting;

    /**
     * @param preview the expression, sentence, problem and next fires of a trigger, in the schedule's zone, within
     *                its start and end, in the reader's language; called again on each change and by
     *                {@link #refreshPreview()} when the zone, start or end change
     */
    public TriggerEditor(Function<Trigger, TriggerPreview> preview) {
        this.preview = Objects.requireNonNull(preview, "preview");
        setId("trigger");
        setLabel(Ui.t("cron.kind"));

        kind.setId("trigger-kind");
        kind.setAriaLabel(Ui.t("cron.kind"));
        kind.setItems(Kind.values());
        kind.setItemLabelGenerator(k -> Ui.t(k.labelKey()));
        kind.addValueChangeListener(this::kindChanged);

        range(minutes, "trigger-minutes", "cron.minutes", 1, 59);
        minutes.setHelperText(Ui.t("cron.minutes.helper"));
        range(minute, "trigger-minute", "cron.minute", 0, 59);
        range(dayOfMonth, "trigger-day-of-month", "cron.day-of-month", 1, 31);
        dayOfMonth.setHelperText(Ui.t("cron.day-of-month.helper"));

        time.setId("trigger-time");
        time.setLabel(Ui.t("cron.time"));
        // The list offers quarters of an hour; any minute may be typed.
        time.setStep(Duration.ofMinutes(15));
        time.setManualValidation(true);
        time.setWidth("9em");
        time.addValueChangeListener(e -> changed());

        days.setId("trigger-days");
        days.setLabel(Ui.t("cron.days"));
        days.setItems(DayOfWeek.values());
        days.setItemLabelGenerator(day -> TriggerDescriptions.dayName(day, Formats.locale()));
        days.setManualValidation(true);
        days.addValueChangeListener(e -> changed());

        cron.setId("trigger-cron");
        cron.setLabel(Ui.t("cron.cron"));
        cron.setHelperText(Ui.t("cron.cron.helper"));
        cron.setManualValidation(true);
        cron.setWidth("22em");
        cron.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        cron.addValueChangeListener(e -> changed());

        HorizontalLayout inputs = new HorizontalLayout(kind, minutes, minute, days, dayOfMonth, time, cron);
        inputs.setAlignItems(FlexComponent.Alignment.BASELINE);
        inputs.setWrap(true);

        expression.setId("trigger-expression");
        expression.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        description.setId("trigger-description");
        nextFires.setId("trigger-next-fires");
        nextFires.getStyle().set("margin", "0").set("padding-inline-start", "var(--lumo-space-m)");
        Div outputs = new Div(output("cron.expression", expression), output("cron.description", description),
                output("cron.next-fires", nextFires));
        outputs.getStyle().set("display", "grid").set("gap", "var(--lumo-space-s)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("background", "var(--lumo-contrast-5pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("color", "var(--lumo-body-text-color)");

        VerticalLayout content = new VerticalLayout(inputs, outputs);
        content.setPadding(false);
        content.setSpacing(true);
        add(content);

        setValue(DEFAULT);
        addAttachListener(attached -> refreshPreview());
    }

    /**
     * Asks for the preview again, e.g. after the schedule's zone, start or end changed. Nothing is asked before the
     * editor is on a page (the form around it may still be building what its preview reads); attaching asks.
     */
    public void refreshPreview() {
        if (!isAttached()) {
            return;
        }
        Trigger trigger = generateModelValue();
        cron.setInvalid(false);
        ownProblem(null);
        nextFires.removeAll();
        if (trigger == null) {
            expression.setText(Formats.orDash(null));
            description.setText(Formats.orDash(null));
            nextFires.add(new ListItem(Ui.t("cron.next-fires.invalid")));
            return;
        }
        TriggerPreview shown = preview.apply(trigger);
        expression.setText(Formats.orDash(shown.expression()));
        description.setText(Formats.orDash(shown.description()));
        if (shown.problem() != null) {
            String problem = Ui.t(shown.problem(), shown.arguments().toArray());
            if (typed()) {
                cron.setErrorMessage(problem);
                cron.setInvalid(true);
            } else {
                ownProblem(problem);
            }
            nextFires.add(new ListItem(Ui.t("cron.next-fires.invalid")));
        } else if (shown.nextFires().isEmpty()) {
            nextFires.add(new ListItem(Ui.t("cron.next-fires.none")));
        } else {
            DateTimeFormatter format = fireFormat(Formats.locale());
            shown.nextFires().forEach(fire -> nextFires.add(new ListItem(format.format(fire))));
        }
    }

    /**
     * A problem the schedule's service found with the trigger (field {@code trigger}) shows where the user can fix
     * it: on the cron field for a typed expression.
     */
    @Override
    public void setErrorMessage(String errorMessage) {
        if (typed()) {
            cron.setErrorMessage(errorMessage);
        } else {
            super.setErrorMessage(errorMessage);
        }
    }

    @Override
    public void setInvalid(boolean invalid) {
        if (typed()) {
            cron.setInvalid(invalid);
        } else {
            super.setInvalid(invalid);
        }
    }

    /** Whether the user types the expression (the fields exist: the field's own constructor may ask first). */
    private boolean typed() {
        return kind != null && kind.getValue() == Kind.CRON;
    }

    @Override
    protected Trigger generateModelValue() {
        return kind.getValue() == null ? null : triggerOf(kind.getValue());
    }

    /** What the fields of a kind make, whichever kind is chosen now; null while they make none. */
    private Trigger triggerOf(Kind of) {
        return switch (of) {
            case EVERY_MINUTES -> inRange(minutes, 1, 59) ? new Trigger.EveryMinutes(minutes.getValue()) : null;
            case HOURLY -> inRange(minute, 0, 59) ? new Trigger.Hourly(minute.getValue()) : null;
            case DAILY -> time.getValue() == null ? null : new Trigger.Daily(time.getValue());
            case WEEKLY -> time.getValue() == null || days.getValue().isEmpty() ? null
                    : new Trigger.Weekly(days.getValue(), time.getValue());
            case MONTHLY -> time.getValue() == null || !inRange(dayOfMonth, 1, 31) ? null
                    : new Trigger.Monthly(dayOfMonth.getValue(), time.getValue());
            case CRON -> new Trigger.Cron(cron.getValue());
        };
    }

    @Override
    protected void setPresentationValue(Trigger trigger) {
        presenting = true;
        try {
            present(trigger == null ? DEFAULT : trigger);
        } finally {
            presenting = false;
        }
        checkInputs();
        refreshPreview();
    }

    /** Fills the fields of the trigger's kind; the others take their defaults, ready for a switch of kind. */
    private void present(Trigger trigger) {
        resetToDefaults();
        switch (trigger) {
            case Trigger.EveryMinutes every -> minutes.setValue(every.minutes());
            case Trigger.Hourly hourly -> minute.setValue(hourly.minute());
            case Trigger.Daily daily -> time.setValue(daily.at());
            case Trigger.Weekly weekly -> {
                days.setValue(weekly.days());
                time.setValue(weekly.at());
            }
            case Trigger.Monthly monthly -> {
                dayOfMonth.setValue(monthly.dayOfMonth());
                time.setValue(monthly.at());
            }
            case Trigger.Cron raw -> cron.setValue(raw.expression());
        }
        kind.setValue(Kind.of(trigger));
        showFieldsOf(Kind.of(trigger));
    }

    private void resetToDefaults() {
        minutes.setValue(DEFAULT_MINUTES);
        minute.setValue(DEFAULT_MINUTE);
        time.setValue(DEFAULT_TIME);
        days.setValue(DEFAULT_DAYS);
        dayOfMonth.setValue(DEFAULT_DAY_OF_MONTH);
        cron.clear();
    }

    private void kindChanged(HasValue.ValueChangeEvent<Kind> event) {
        if (presenting) {
            return;
        }
        Kind chosen = event.getValue();
        if (chosen == Kind.CRON && cron.isEmpty()) {
            // An expert starts from what the other fields say, written as cron.
            Trigger before = event.getOldValue() == null ? null : triggerOf(event.getOldValue());
            presenting = true;
            try {
                cron.setValue((before == null ? DEFAULT : before).cron());
            } finally {
                presenting = false;
            }
        }
        showFieldsOf(chosen);
        changed();
    }

    private void changed() {
        if (presenting) {
            return;
        }
        updateValue();
        checkInputs();
        refreshPreview();
    }

    private void showFieldsOf(Kind chosen) {
        minutes.setVisible(chosen == Kind.EVERY_MINUTES);
        minute.setVisible(chosen == Kind.HOURLY);
        time.setVisible(chosen == Kind.DAILY || chosen == Kind.WEEKLY || chosen == Kind.MONTHLY);
        days.setVisible(chosen == Kind.WEEKLY);
        dayOfMonth.setVisible(chosen == Kind.MONTHLY);
        cron.setVisible(chosen == Kind.CRON);
    }

    /** Marks the shown fields the trigger cannot be made from, each with what to enter. */
    private void checkInputs() {
        mark(minutes, minutes.isVisible() && !inRange(minutes, 1, 59), "cron.minutes.range");
        mark(minute, minute.isVisible() && !inRange(minute, 0, 59), "cron.minute.range");
        mark(dayOfMonth, dayOfMonth.isVisible() && !inRange(dayOfMonth, 1, 31), "cron.day-of-month.range");
        mark(time, time.isVisible() && time.getValue() == null, "cron.time.required");
        mark(days, days.isVisible() && days.getValue().isEmpty(), "cron.days.required");
    }

    private static void mark(HasValidation field, boolean invalid, String key) {
        field.setErrorMessage(invalid ? Ui.t(key) : null);
        field.setInvalid(invalid);
    }

    private void ownProblem(String problem) {
        super.setErrorMessage(problem);
        super.setInvalid(problem != null);
    }

    private void range(IntegerField field, String id, String labelKey, int min, int max) {
        field.setId(id);
        field.setLabel(Ui.t(labelKey));
        field.setMin(min);
        field.setMax(max);
        field.setStepButtonsVisible(true);
        field.setManualValidation(true);
        field.setWidth("10em");
        field.addValueChangeListener(e -> changed());
    }

    private static boolean inRange(IntegerField field, int min, int max) {
        Integer value = field.getValue();
        return value != null && value >= min && value <= max;
    }

    private static Component output(String labelKey, Component value) {
        Span label = new Span(Ui.t(labelKey));
        label.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Div row = new Div(label, value);
        row.getStyle().set("display", "flex").set("flex-direction", "column");
        return row;
    }

    /** A fire time in the reader's language, with its weekday and its offset (which a daylight-saving change moves). */
    static DateTimeFormatter fireFormat(Locale locale) {
        return new DateTimeFormatterBuilder()
                .append(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT))
                .appendLiteral(' ').appendLocalizedOffset(TextStyle.SHORT)
                .toFormatter(locale);
    }

    /** The fire times shown, as text (for tests and for reading the editor back). */
    List<String> shownNextFires() {
        return nextFires.getChildren().map(item -> ((ListItem) item).getText()).toList();
    }
}
