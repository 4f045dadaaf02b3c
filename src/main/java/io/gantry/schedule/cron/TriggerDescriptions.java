package io.gantry.schedule.cron;

import io.gantry.identity.Language;
import java.text.MessageFormat;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * A trigger as a sentence in the reader's language ("Every day at 20:00", 每天 20:00, 每週一、週三 09:30), built from the
 * editor's model with the texts {@code cron.describe.*} of the app's bundles. No describer library on hand covers
 * Simplified and Traditional Chinese, so a raw cron expression is described as running on that expression, and the
 * editor's next fire times explain it.
 */
public final class TriggerDescriptions {

    private static final String BUNDLE = "vaadin-i18n.translations";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    /** Times read the same in the three languages: 24 hours, to the minute. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final Set<DayOfWeek> WORKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    /** From day 29 on, some months lack the day and Quartz skips them. */
    private static final int SHORTEST_MONTH = 28;

    private TriggerDescriptions() {
    }

    public static String describe(Trigger trigger, Locale locale) {
        Texts texts = new Texts(Language.closestTo(locale));
        return switch (trigger) {
            case Trigger.EveryMinutes every -> everyMinutes(every.minutes(), texts);
            case Trigger.Hourly hourly -> switch (hourly.minute()) {
                case 0 -> texts.format("cron.describe.hourly.on-the-hour");
                case 1 -> texts.format("cron.describe.hourly.one");
                default -> texts.format("cron.describe.hourly", hourly.minute());
            };
            case Trigger.Daily daily -> texts.format("cron.describe.daily", time(daily.at()));
            case Trigger.Weekly weekly -> weekly(weekly, texts);
            case Trigger.Monthly monthly -> texts.format(monthly.dayOfMonth() > SHORTEST_MONTH
                    ? "cron.describe.monthly.skipping" : "cron.describe.monthly", monthly.dayOfMonth(),
                    time(monthly.at()));
            case Trigger.Cron cron -> texts.format("cron.describe.cron", cron.expression());
        };
    }

    /** A day's name as the sentences and the editor's day boxes show it. */
    public static String dayName(DayOfWeek day, Locale locale) {
        return new Texts(Language.closestTo(locale)).format(dayKey(day));
    }

    private static String everyMinutes(int minutes, Texts texts) {
        if (minutes == 1) {
            return texts.format("cron.describe.every-minute");
        }
        // 0/7 fires at :00, :07 ... :56 and again at :00: the sentence says so when the minutes do not divide the hour.
        return texts.format(60 % minutes == 0 ? "cron.describe.every-minutes"
                : "cron.describe.every-minutes.from-the-hour", minutes);
    }

    private static String weekly(Trigger.Weekly weekly, Texts texts) {
        String at = time(weekly.at());
        if (weekly.days().size() == DayOfWeek.values().length) {
            return texts.format("cron.describe.daily", at);
        }
        if (weekly.days().equals(WORKDAYS)) {
            return texts.format("cron.describe.weekly.workdays", at);
        }
        List<String> names = new ArrayList<>();
        for (DayOfWeek day : weekly.days()) {
            names.add(texts.format(dayKey(day)));
        }
        return texts.format("cron.describe.weekly", list(names, texts), at);
    }

    /** "Monday", "Monday and Wednesday", "Monday, Wednesday and Friday"; 周一、周三、周五. */
    private static String list(List<String> names, Texts texts) {
        if (names.size() == 1) {
            return names.getFirst();
        }
        String joined = names.getFirst();
        for (int i = 1; i < names.size() - 1; i++) {
            joined = texts.format("cron.describe.list.middle", joined, names.get(i));
        }
        return texts.format("cron.describe.list.end", joined, names.getLast());
    }

    private static String dayKey(DayOfWeek day) {
        return "cron.describe.day." + day.name().toLowerCase(Locale.ROOT);
    }

    private static String time(LocalTime at) {
        return TIME.format(at);
    }

    /** One language's bundle; English is the default bundle, as the app's own translation provider reads it. */
    private record Texts(Language language) {

        String format(String key, Object... arguments) {
            Locale bundleLocale = language == Language.EN ? Locale.ROOT : language.locale();
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, bundleLocale,
                    TriggerDescriptions.class.getClassLoader(), NO_FALLBACK);
            return new MessageFormat(bundle.getString(key), language.locale()).format(arguments);
        }
    }
}
