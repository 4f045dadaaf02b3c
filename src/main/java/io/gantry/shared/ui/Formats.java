package io.gantry.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import io.gantry.shared.Addresses;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Dates and times in the user's language and time zone (the browser's zone, once it is known); counts, memory and
 * network addresses written the same way on every page.
 */
public final class Formats {

    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

    private Formats() {
    }

    /** A count with the grouping of the user's language ("1,024"). */
    public static String count(long value) {
        return count(value, locale());
    }

    static String count(long value, Locale locale) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** Memory, always in GiB so that figures compare at a glance: "1,024 GiB", "1.5 GiB", "0.4 GiB". */
    /** An amount of money with exactly its currency's digits, grouped as the user's language groups, and its code. */
    public static String money(BigDecimal amount, Currency currency) {
        return money(amount, currency, locale());
    }

    static String money(BigDecimal amount, Currency currency, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        int digits = currency.getDefaultFractionDigits();
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(amount) + " " + currency.getCurrencyCode();
    }

    public static String memory(long mib) {
        return Ui.t("unit.gib-value", gib(mib, locale()));
    }

    /** The number of GiB in {@code mib}, grouped, rounded half up to at most one decimal. */
    static String gib(long mib, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(0);
        format.setMaximumFractionDigits(1);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(BigDecimal.valueOf(mib).divide(MIB_PER_GIB));
    }

    /** A network address in its short form ({@code ::1}); see {@link Addresses#shortForm}. */
    public static String address(String address) {
        return Addresses.shortForm(address);
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
