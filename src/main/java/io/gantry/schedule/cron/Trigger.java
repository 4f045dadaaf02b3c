package io.gantry.schedule.cron;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/**
 * When a schedule fires, as its editor shows it: every N minutes, hourly at a minute, daily at a time, weekly on some
 * days, monthly on a day, or a raw Quartz cron expression for experts. Each writes itself as a cron expression, which
 * Quartz validates and computes fire times from.
 */
public sealed interface Trigger {

    /** The Quartz cron expression (seconds first) this trigger fires on. */
    String cron();

    /** Every {@code minutes} minutes from the top of the hour (1 to 59). */
    record EveryMinutes(int minutes) implements Trigger {
        @Override
        public String cron() {
            throw new UnsupportedOperationException();
        }
    }

    /** Every hour at a minute past it (0 to 59). */
    record Hourly(int minute) implements Trigger {
        @Override
        public String cron() {
            throw new UnsupportedOperationException();
        }
    }

    /** Every day at a time (to the minute). */
    record Daily(LocalTime at) implements Trigger {
        @Override
        public String cron() {
            throw new UnsupportedOperationException();
        }
    }

    /** On some days of each week at a time. */
    record Weekly(Set<DayOfWeek> days, LocalTime at) implements Trigger {
        @Override
        public String cron() {
            throw new UnsupportedOperationException();
        }
    }

    /** On a day of each month (1 to 31; months without it are skipped) at a time. */
    record Monthly(int dayOfMonth, LocalTime at) implements Trigger {
        @Override
        public String cron() {
            throw new UnsupportedOperationException();
        }
    }

    /** A cron expression as an expert wrote it. */
    record Cron(String expression) implements Trigger {
        @Override
        public String cron() {
            return expression;
        }
    }
}
