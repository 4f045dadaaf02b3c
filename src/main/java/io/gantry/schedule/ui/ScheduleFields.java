package io.gantry.schedule.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gantry.schedule.ScheduleService;
import io.gantry.schedule.Schedule;
import io.gantry.schedule.ScheduleForm;
import io.gantry.schedule.cron.Trigger;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The settings of a schedule as both ways of making one show them (the schedule form, and "run as scheduled" from a
 * template): name, description, trigger, time zone, start and end, single- or multi-line, with the misfire rule.
 */
class ScheduleFields extends FormLayout {

    final TextField name = new TextField(Ui.t("schedule.field.name"));
    final TextArea description = new TextArea(Ui.t("schedule.field.description"));
    final TriggerEditor trigger;
    final ComboBox<String> zone = new ComboBox<>(Ui.t("schedule.field.zone"));
    final DateTimePicker start = new DateTimePicker(Ui.t("schedule.field.start"));
    final DateTimePicker end = new DateTimePicker(Ui.t("schedule.field.end"));
    final Checkbox multiLine = new Checkbox(Ui.t("schedule.field.multi-line"));

    /** @param schedules whose preview the trigger editor shows, in the zone, start and end filled in here */
    ScheduleFields(ScheduleService schedules) {
        trigger = new TriggerEditor(t -> schedules.preview(t, zoneOrUser(), at(start.getValue(), zoneOrUser()),
                at(end.getValue(), zoneOrUser()), Formats.locale()));
        trigger.setLabel(Ui.t("schedule.field.trigger"));
        name.setId("schedule-name");
        name.setRequired(true);
        name.setMaxLength(ScheduleForm.NAME_MAX);
        description.setId("schedule-description");
        description.setMaxLength(ScheduleForm.DESCRIPTION_MAX);
        trigger.setRequiredIndicatorVisible(true);
        zone.setId("schedule-zone");
        zone.setRequired(true);
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setValue(Formats.zone().getId());
        start.setId("schedule-start");
        start.setHelperText(Ui.t("schedule.field.start.help"));
        end.setId("schedule-end");
        end.setHelperText(Ui.t("schedule.field.end.help"));
        multiLine.setId("schedule-multi-line");
        // The editor's next fires are in the schedule's zone, within its start and end.
        zone.addValueChangeListener(e -> trigger.refreshPreview());
        start.addValueChangeListener(e -> trigger.refreshPreview());
        end.addValueChangeListener(e -> trigger.refreshPreview());
        Paragraph lines = new Paragraph(Ui.t("schedule.lines.explained"));
        lines.setId("schedule-lines-explained");
        Paragraph misfire = new Paragraph(Ui.t("schedule.misfire.rule"));
        misfire.setId("schedule-misfire-rule");
        add(name, description, trigger, zone, start, end, multiLine, lines, misfire);
        setColspan(description, 2);
        setColspan(trigger, 2);
        setColspan(lines, 2);
        setColspan(misfire, 2);
        setColspan(multiLine, 2);
    }

    /** The fields by the names the service gives its problems. */
    FormFields formFields() {
        return new FormFields().with("name", name).with("description", description).with("trigger", trigger)
                .with("zone", zone).with("start", start).with("end", end);
    }

    void show(Schedule schedule) {
        name.setValue(schedule.name());
        description.setValue(schedule.description() == null ? "" : schedule.description());
        trigger.setValue(schedule.trigger());
        zone.setValue(schedule.zone().getId());
        start.setValue(LocalDateTime.ofInstant(schedule.startAt(), schedule.zone()));
        end.setValue(schedule.endAt() == null ? null : LocalDateTime.ofInstant(schedule.endAt(), schedule.zone()));
        multiLine.setValue(schedule.multiLine());
    }

    Trigger triggerValue() {
        return trigger.getValue();
    }

    /** The trigger's expression as the editor shows it, for a summary. */
    String triggerText() {
        return trigger.getValue() == null ? "-" : trigger.getValue().cron();
    }

    /** The form as filled in; times in the chosen zone (the user's own while it names none). */
    ScheduleForm form(long projectId, List<Long> templateIds) {
        ZoneId in = zoneOrUser();
        return new ScheduleForm(projectId, name.getValue(), description.getValue(), triggerValue(), zone.getValue(),
                at(start.getValue(), in), at(end.getValue(), in), multiLine.getValue(), templateIds);
    }

    ZoneId zoneOrUser() {
        try {
            return zone.getValue() == null ? Formats.zone() : ZoneId.of(zone.getValue());
        } catch (DateTimeException unknown) {
            return Formats.zone();
        }
    }

    private static Instant at(LocalDateTime local, ZoneId zone) {
        return local == null ? null : local.atZone(zone).toInstant();
    }

    void clearInvalid() {
        Ui.clearInvalid(name, description, trigger, zone, start, end);
    }
}
