package io.gantry.schedule.cron;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every kind of trigger reads as a sentence in English, Simplified and Traditional Chinese. */
class TriggerDescriptionsTest {

    private static final Locale ZH_CN = Locale.SIMPLIFIED_CHINESE;
    private static final Locale ZH_TW = Locale.TRADITIONAL_CHINESE;

    private static void reads(Trigger trigger, String english, String simplified, String traditional) {
        assertThat(TriggerDescriptions.describe(trigger, Locale.ENGLISH)).isEqualTo(english);
        assertThat(TriggerDescriptions.describe(trigger, ZH_CN)).isEqualTo(simplified);
        assertThat(TriggerDescriptions.describe(trigger, ZH_TW)).isEqualTo(traditional);
    }

    @Nested
    class EveryMinutes {

        @Test
        void saysHowManyMinutes() {
            reads(new Trigger.EveryMinutes(15), "Every 15 minutes", "每 15 分钟", "每 15 分鐘");
        }

        @Test
        void saysEveryMinuteForOne() {
            reads(new Trigger.EveryMinutes(1), "Every minute", "每分钟", "每分鐘");
        }

        @Test
        void saysTheCountStartsAtTheTopOfTheHourWhenTheMinutesDoNotDivideIt() {
            reads(new Trigger.EveryMinutes(7), "Every 7 minutes, counted from the top of each hour",
                    "每 7 分钟（从每小时整点起算）", "每 7 分鐘（從每小時整點起算）");
        }
    }

    @Nested
    class Hourly {

        @Test
        void saysTheMinutePastTheHour() {
            reads(new Trigger.Hourly(15), "Every hour at 15 minutes past the hour", "每小时第 15 分钟", "每小時第 15 分鐘");
            reads(new Trigger.Hourly(1), "Every hour at 1 minute past the hour", "每小时第 1 分钟", "每小時第 1 分鐘");
        }

        @Test
        void saysOnTheHourForMinuteZero() {
            reads(new Trigger.Hourly(0), "Every hour on the hour", "每小时整点", "每小時整點");
        }
    }

    @Nested
    class Daily {

        @Test
        void saysTheTimeOnA24HourClock() {
            reads(new Trigger.Daily(LocalTime.of(20, 0)), "Every day at 20:00", "每天 20:00", "每天 20:00");
            reads(new Trigger.Daily(LocalTime.of(7, 5)), "Every day at 07:05", "每天 07:05", "每天 07:05");
        }
    }

    @Nested
    class Weekly {

        @Test
        void namesOneDay() {
            reads(new Trigger.Weekly(Set.of(SUNDAY), LocalTime.of(18, 0)), "Every Sunday at 18:00", "每周日 18:00",
                    "每週日 18:00");
        }

        @Test
        void namesTwoDaysInWeekOrder() {
            reads(new Trigger.Weekly(Set.of(WEDNESDAY, MONDAY), LocalTime.of(9, 30)),
                    "Every Monday and Wednesday at 09:30", "每周一、周三 09:30", "每週一、週三 09:30");
        }

        @Test
        void listsMoreDays() {
            reads(new Trigger.Weekly(Set.of(MONDAY, WEDNESDAY, FRIDAY, SATURDAY), LocalTime.of(6, 0)),
                    "Every Monday, Wednesday, Friday and Saturday at 06:00", "每周一、周三、周五、周六 06:00",
                    "每週一、週三、週五、週六 06:00");
        }

        @Test
        void callsMondayToFridaySo() {
            reads(new Trigger.Weekly(Set.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), LocalTime.of(8, 0)),
                    "Monday to Friday at 08:00", "周一至周五 08:00", "週一至週五 08:00");
        }

        @Test
        void callsEveryDayOfTheWeekEveryDay() {
            reads(new Trigger.Weekly(EnumSet.allOf(DayOfWeek.class), LocalTime.of(20, 0)), "Every day at 20:00",
                    "每天 20:00", "每天 20:00");
        }
    }

    @Nested
    class Monthly {

        @Test
        void saysTheDayOfTheMonth() {
            reads(new Trigger.Monthly(1, LocalTime.of(8, 0)), "On day 1 of every month at 08:00", "每月 1 日 08:00",
                    "每月 1 日 08:00");
        }

        @Test
        void warnsThatMonthsWithoutTheDayAreSkipped() {
            reads(new Trigger.Monthly(31, LocalTime.of(8, 0)),
                    "On day 31 of every month at 08:00, skipping months without that day",
                    "每月 31 日 08:00（没有该日的月份会跳过）", "每月 31 日 08:00（沒有該日的月份會略過）");
        }
    }

    @Nested
    class Cron {

        @Test
        void saysItRunsOnTheExpression() {
            reads(new Trigger.Cron("0 15 10 ? * MON-FRI"), "Runs on the cron expression 0 15 10 ? * MON-FRI",
                    "按 cron 表达式 0 15 10 ? * MON-FRI 运行", "依 cron 運算式 0 15 10 ? * MON-FRI 執行");
        }
    }

    @Nested
    class Languages {

        @Test
        void readsHongKongAndHantAsTraditionalAndOtherLanguagesAsEnglish() {
            Trigger daily = new Trigger.Weekly(Set.of(MONDAY), LocalTime.of(9, 0));
            assertThat(TriggerDescriptions.describe(daily, Locale.forLanguageTag("zh-HK"))).isEqualTo("每週一 09:00");
            assertThat(TriggerDescriptions.describe(daily, Locale.forLanguageTag("zh-Hant"))).isEqualTo("每週一 09:00");
            assertThat(TriggerDescriptions.describe(daily, Locale.GERMAN)).isEqualTo("Every Monday at 09:00");
        }

        @Test
        void namesTheDaysForTheEditor() {
            assertThat(TriggerDescriptions.dayName(TUESDAY, Locale.ENGLISH)).isEqualTo("Tuesday");
            assertThat(TriggerDescriptions.dayName(TUESDAY, ZH_CN)).isEqualTo("周二");
            assertThat(TriggerDescriptions.dayName(TUESDAY, ZH_TW)).isEqualTo("週二");
        }
    }
}
