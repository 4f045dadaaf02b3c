package io.gantry.schedule.ui;

import com.vaadin.flow.component.html.Span;
import io.gantry.schedule.Schedule;
import io.gantry.schedule.ScheduleRun;
import io.gantry.schedule.cron.TriggerDescriptions;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** How the schedule pages put a schedule's trigger, times, state and runs into words. */
final class ScheduleTexts {

    private ScheduleTexts() {
    }

    /** The trigger's sentence in the reader's language, with its expression. */
    static String trigger(Schedule schedule) {
        String cron = schedule.trigger().cron();
        try {
            return TriggerDescriptions.describe(schedule.trigger(), Formats.locale()) + " (" + cron + ")";
        } catch (RuntimeException undescribed) {
            return cron;
        }
    }

    /** A time in the schedule's own zone, named. */
    static String at(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "-";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Formats.locale()).withZone(zone)
                .format(instant) + " " + zone.getId();
    }

    static String nextFire(Schedule schedule) {
        if (schedule.paused()) {
            return Ui.t("schedule.next-fire.paused");
        }
        return schedule.nextFireAt() == null ? Ui.t("schedule.next-fire.none")
                : at(schedule.nextFireAt(), schedule.zone());
    }

    static Span state(Schedule schedule) {
        Span badge = new Span(Ui.t(schedule.paused() ? "schedule.state.paused" : "schedule.state.active"));
        badge.getElement().getThemeList().add(schedule.paused() ? "badge contrast" : "badge success");
        badge.addClassName("schedule-state");
        return badge;
    }

    static Span outcome(ScheduleRun run) {
        Span badge = new Span(Ui.t("schedule.run.outcome." + run.outcome().name()));
        badge.getElement().getThemeList().add(switch (run.outcome()) {
            case STARTED -> "badge success";
            case REFUSED -> "badge error";
            default -> "badge contrast";
        });
        return badge;
    }

    static String reason(ScheduleRun run) {
        return run.reason() == null ? "" : Ui.t(run.reason(), run.arguments().toArray());
    }
}
