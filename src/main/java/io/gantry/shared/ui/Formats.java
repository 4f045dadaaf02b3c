package io.gantry.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Dates and times in the user's language and time zone (the browser's zone, once it is known). */
public final class Formats {

    private Formats() {
    }

    public static String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale()).withZone(zone())
                .format(instant);
    }

    public static String date(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).withZone(zone())
                .format(instant);
    }

    public static String date(java.time.LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
    }

    public static String orDash(Object value) {
        return value == null || value.toString().isBlank() ? "-" : value.toString();
    }

    public static Locale locale() {
        UI ui = UI.getCurrent();
        return ui == null ? Locale.getDefault() : ui.getLocale();
    }

    public static ZoneId zone() {
        VaadinSession session = VaadinSession.getCurrent();
        ZoneId zone = session == null ? null : session.getAttribute(ZoneId.class);
        return zone == null ? ZoneId.systemDefault() : zone;
    }
}
