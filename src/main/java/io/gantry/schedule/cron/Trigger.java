package io.gantry.schedule.cron;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a schedule fires, as its editor shows it: every N minutes, hourly at a minute, daily at a time, weekly on some
 * days, monthly on a day, or a raw Quartz cron expression for experts. Each writes itself as a cron expression, which
 * Quartz validates and computes fire times from. The records refuse values out of range (the editor offers none).
 */
public sealed interface Trigger {

    /** The Quartz cron expression (seconds first) this trigger fires on. */
    String cron();

    /** Every {@code minutes} minutes from the top of the hour (1 to 59). */
    record EveryMinutes(int minutes) implements Trigger {
        public EveryMinutes {
            requireBetween("minutes", minutes, 1, 59);
        }

        @Override
        public String cron() {
            return "0 0/" + minutes + " * * * ?";
        }
    }

    /** Every hour at a minute past it (0 to 59). */
    record Hourly(int minute) implements Trigger {
        public Hourly {
            requireBetween("minute", minute, 0, 59);
        }

        @Override
        public String cron() {
            return "0 " + minute + " * * * ?";
        }
    }

    /** Every day at a time (to the minute; seconds are dropped). */
    record Daily(LocalTime at) implements Trigger {
        public Daily {
            at = toTheMinute(at);
        }

        @Override
        public String cron() {
            return "0 " + at.getMinute() + " " + at.getHour() + " * * ?";
        }
    }

    /** On some days of each week (at least one) at a time (to the minute). */
    record Weekly(Set<DayOfWeek> days, LocalTime at) implements Trigger {
        public Weekly {
            Objects.requireNonNull(days, "days");
            if (days.isEmpty()) {
                throw new IllegalArgumentException("A weekly trigger needs at least one day");
            }
            // An EnumSet keeps the days in week order (Monday first), whatever order they were picked in.
            days = Collections.unmodifiableSet(EnumSet.copyOf(days));
            at = toTheMinute(at);
        }

        @Override
        public String cron() {
            String dayNames = days.stream().map(Weekly::quartzName).collect(Collectors.joining(","));
            return "0 " + at.getMinute() + " " + at.getHour() + " ? * " + dayNames;
        }

        private static String quartzName(DayOfWeek day) {
            return day.name().substring(0, 3);
        }
    }

    /** On a day of each month (1 to 31; months without it are skipped) at a time (to the minute). */
    record Monthly(int dayOfMonth, LocalTime at) implements Trigger {
        public Monthly {
            requireBetween("dayOfMonth", dayOfMonth, 1, 31);
            at = toTheMinute(at);
        }

        @Override
        public String cron() {
            return "0 " + at.getMinute() + " " + at.getHour() + " " + dayOfMonth + " * ?";
        }
    }

    /** A cron expression as an expert wrote it, valid or not: {@link CronRules} says what is wrong with it. */
    record Cron(String expression) implements Trigger {
        public Cron {
            Objects.requireNonNull(expression, "expression");
            expression = expression.strip();
        }

        @Override
        public String cron() {
            return expression;
        }
    }

    private static void requireBetween(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + value);
        }
    }

    private static LocalTime toTheMinute(LocalTime at) {
        return Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MINUTES);
    }
}
