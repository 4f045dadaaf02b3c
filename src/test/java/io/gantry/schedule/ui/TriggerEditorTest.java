package io.gantry.schedule.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupTester;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.select.SelectTester;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberFieldTester;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldTester;
import com.vaadin.flow.component.timepicker.TimePicker;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import io.gantry.schedule.TriggerPreview;
import io.gantry.schedule.cron.CronRules;
import io.gantry.schedule.cron.FireTimes;
import io.gantry.schedule.cron.Trigger;
import io.gantry.schedule.cron.TriggerDescriptions;
import io.gantry.shared.FieldProblem;
import io.gantry.ui.HomeView;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The trigger editor on a page: only the chosen kind's fields, and always the expression, the sentence and the next
 * five fires, from a preview made of the cron package as the schedule form's service makes it.
 */
@OnH2
class TriggerEditorTest extends ViewTestSupport {

    /** A Friday, 08:00 in Taipei. */
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    private ZoneId zone = ZoneId.of("Asia/Taipei");
    private Instant endAt;
    private TriggerEditor editor;

    @BeforeEach
    void onAPage() {
        accounts.signInAs(newAccount("scheduler", PresetRole.USER));
        navigate(HomeView.class);
    }

    private void showEditor(Locale locale) {
        UI.getCurrent().setLocale(locale);
        editor = new TriggerEditor(trigger -> preview(trigger, locale));
        UI.getCurrent().add(editor);
    }

    private TriggerPreview preview(Trigger trigger, Locale locale) {
        String cron = trigger.cron();
        Optional<FieldProblem> problem = CronRules.problem(cron, NOW);
        if (problem.isPresent()) {
            return new TriggerPreview(cron, null, problem.get().messageKey(),
                    Arrays.stream(problem.get().arguments()).map(String::valueOf).toList(), List.of());
        }
        return new TriggerPreview(cron, TriggerDescriptions.describe(trigger, locale), null, List.of(),
                FireTimes.next(cron, zone, NOW, null, endAt, 5));
    }

    private void choose(String kindLabel) {
        @SuppressWarnings("unchecked")
        Select<TriggerEditor.Kind> kind = find(Select.class).withId("trigger-kind").single();
        new SelectTester<>(kind).selectItem(kindLabel);
    }

    private IntegerField integerField(String id) {
        return find(IntegerField.class).withId(id).single();
    }

    private void enter(String id, int value) {
        new NumberFieldTester<>(integerField(id)).setValue(value);
    }

    private TextField cronField() {
        return find(TextField.class).withId("trigger-cron").single();
    }

    private void type(String cron) {
        new TextFieldTester<TextField, String>(cronField()).setValue(cron);
    }

    @SuppressWarnings("unchecked")
    private CheckboxGroup<DayOfWeek> days() {
        return find(CheckboxGroup.class).withId("trigger-days").single();
    }

    private TimePicker time() {
        return find(TimePicker.class).withId("trigger-time").single();
    }

    private String expression() {
        return find(Span.class).withId("trigger-expression").single().getText();
    }

    private String description() {
        return find(Span.class).withId("trigger-description").single().getText();
    }

    private List<String> nextFires() {
        return editor.shownNextFires();
    }

    /** Which of the kind-specific fields show (the queries find only visible components). */
    private List<String> shownFields() {
        return List.of("trigger-minutes", "trigger-minute", "trigger-time", "trigger-days", "trigger-day-of-month",
                "trigger-cron").stream().filter(id -> !find(Component.class).withId(id).all().isEmpty()).toList();
    }

    @Nested
    class ANewTrigger {

        @Test
        void isEveryDayAt20WithItsExpressionSentenceAndNextFiveFires() {
            showEditor(Locale.ENGLISH);

            assertThat(editor.getValue()).isEqualTo(new Trigger.Daily(LocalTime.of(20, 0)));
            assertThat(editor.getId()).hasValue("trigger");
            assertThat(shownFields()).containsExactly("trigger-time");
            assertThat(expression()).isEqualTo("0 0 20 * * ?");
            assertThat(description()).isEqualTo("Every day at 20:00");
            assertThat(nextFires()).hasSize(5);
            assertThat(nextFires().getFirst()).contains("Friday", "May 1, 2026", "8:00", "PM", "GMT+8");
            assertThat(nextFires().getLast()).contains("Tuesday", "May 5, 2026");
        }
    }

    @Test
    void asksForNoPreviewBeforeItIsOnAPage() {
        List<Trigger> asked = new java.util.ArrayList<>();
        TriggerEditor building = new TriggerEditor(trigger -> {
            asked.add(trigger);
            return preview(trigger, Locale.ENGLISH);
        });
        assertThat(asked).isEmpty();

        UI.getCurrent().add(building);

        assertThat(asked).containsExactly(TriggerEditor.DEFAULT);
    }

    @Nested
    class SwitchingKind {

        @Test
        void showsOnlyTheKindsFieldsWithSensibleDefaultsAndUpdatesTheOutputs() {
            showEditor(Locale.ENGLISH);

            choose(t("cron.kind.every-minutes"));
            assertThat(shownFields()).containsExactly("trigger-minutes");
            assertThat(editor.getValue()).isEqualTo(new Trigger.EveryMinutes(15));
            assertThat(expression()).isEqualTo("0 0/15 * * * ?");
            assertThat(description()).isEqualTo("Every 15 minutes");
            assertThat(nextFires().getFirst()).contains("8:15");

            enter("trigger-minutes", 30);
            assertThat(expression()).isEqualTo("0 0/30 * * * ?");
            assertThat(description()).isEqualTo("Every 30 minutes");

            choose(t("cron.kind.hourly"));
            assertThat(shownFields()).containsExactly("trigger-minute");
            assertThat(editor.getValue()).isEqualTo(new Trigger.Hourly(0));
            assertThat(description()).isEqualTo("Every hour on the hour");

            choose(t("cron.kind.weekly"));
            assertThat(shownFields()).containsExactly("trigger-time", "trigger-days");
            assertThat(editor.getValue()).isEqualTo(new Trigger.Weekly(Set.of(DayOfWeek.MONDAY), LocalTime.of(20, 0)));
            new CheckboxGroupTester<>(days()).selectItem("Wednesday");
            time().setValue(LocalTime.of(9, 30));
            assertThat(expression()).isEqualTo("0 30 9 ? * MON,WED");
            assertThat(description()).isEqualTo("Every Monday and Wednesday at 09:30");
            assertThat(nextFires()).hasSize(5).first().asString().contains("Monday", "May 4, 2026", "9:30");

            choose(t("cron.kind.monthly"));
            assertThat(shownFields()).containsExactly("trigger-time", "trigger-day-of-month");
            enter("trigger-day-of-month", 31);
            assertThat(editor.getValue()).isEqualTo(new Trigger.Monthly(31, LocalTime.of(9, 30)));
            assertThat(description()).isEqualTo("On day 31 of every month at 09:30, skipping months without that day");
            assertThat(nextFires().get(0)).contains("May 31, 2026");
            assertThat(nextFires().get(1)).contains("July 31, 2026");
        }

        @Test
        void startsACronExpressionFromWhatTheOtherFieldsSaid() {
            showEditor(Locale.ENGLISH);
            time().setValue(LocalTime.of(7, 45));

            choose(t("cron.kind.cron"));

            assertThat(shownFields()).containsExactly("trigger-cron");
            assertThat(cronField().getValue()).isEqualTo("0 45 7 * * ?");
            assertThat(editor.getValue()).isEqualTo(new Trigger.Cron("0 45 7 * * ?"));
            assertThat(description()).isEqualTo("Runs on the cron expression 0 45 7 * * ?");
        }

        @Test
        void aFieldOutOfRangeSaysWhatToEnterAndMakesNoTrigger() {
            showEditor(Locale.ENGLISH);
            choose(t("cron.kind.every-minutes"));

            // The browser lets one type beyond the field's maximum; the tester does not.
            integerField("trigger-minutes").setValue(60);

            assertThat(integerField("trigger-minutes").isInvalid()).isTrue();
            assertThat(integerField("trigger-minutes").getErrorMessage()).isEqualTo(t("cron.minutes.range"));
            assertThat(editor.getValue()).isNull();
            assertThat(expression()).isEqualTo("-");
            assertThat(nextFires()).containsExactly(t("cron.next-fires.invalid"));

            enter("trigger-minutes", 5);
            assertThat(integerField("trigger-minutes").isInvalid()).isFalse();
            assertThat(editor.getValue()).isEqualTo(new Trigger.EveryMinutes(5));
        }
    }

    @Nested
    class ARawCronExpression {

        @Test
        void anInvalidOneShowsQuartzsReasonOnTheCronField() {
            showEditor(Locale.ENGLISH);
            choose(t("cron.kind.cron"));

            type("0 0 25 * * ?");

            assertThat(cronField().isInvalid()).isTrue();
            assertThat(cronField().getErrorMessage())
                    .isEqualTo(t("cron.problem.invalid", "Hour values must be between 0 and 23"));
            assertThat(expression()).isEqualTo("0 0 25 * * ?");
            assertThat(description()).isEqualTo("-");
            assertThat(nextFires()).containsExactly(t("cron.next-fires.invalid"));

            type("0/30 * * * * ?");
            assertThat(cronField().getErrorMessage()).isEqualTo(t("cron.problem.too-often"));

            type("0 15 10 ? * MON-FRI");
            assertThat(cronField().isInvalid()).isFalse();
            assertThat(nextFires()).hasSize(5).first().asString()
                    .contains("Friday, May 1, 2026, 10:15", "AM", "GMT+8");
        }

        @Test
        void theServicesRefusalLandsOnTheCronField() {
            showEditor(Locale.ENGLISH);
            choose(t("cron.kind.cron"));

            editor.setErrorMessage(t("cron.problem.never-fires"));
            editor.setInvalid(true);

            assertThat(cronField().isInvalid()).isTrue();
            assertThat(cronField().getErrorMessage()).isEqualTo(t("cron.problem.never-fires"));
        }
    }

    @Nested
    class ZoneAndBounds {

        @Test
        void firesAreInTheSchedulesZoneAndWithinItsEnd() {
            showEditor(Locale.ENGLISH);
            zone = ZoneId.of("Europe/Berlin");
            endAt = Instant.parse("2026-05-03T00:00:00Z");

            editor.refreshPreview();

            assertThat(nextFires()).hasSize(2);
            assertThat(nextFires().getFirst()).contains("May 1, 2026", "8:00", "PM", "GMT+2");

            endAt = NOW;
            editor.refreshPreview();
            assertThat(nextFires()).containsExactly(t("cron.next-fires.none"));
        }
    }

    @Nested
    class InChinese {

        @Test
        void readsInTraditionalChinese() {
            showEditor(Locale.TRADITIONAL_CHINESE);

            assertThat(editor.getLabel()).isEqualTo("觸發時間");
            assertThat(description()).isEqualTo("每天 20:00");
            assertThat(nextFires().getFirst()).contains("2026年5月1日", "星期五");

            choose("每週");
            new CheckboxGroupTester<>(days()).selectItem("週三");
            assertThat(description()).isEqualTo("每週一、週三 20:00");
        }

        @Test
        void readsInSimplifiedChinese() {
            showEditor(Locale.SIMPLIFIED_CHINESE);

            choose("每隔几分钟");
            assertThat(integerField("trigger-minutes").getLabel()).isEqualTo("间隔分钟数");
            assertThat(description()).isEqualTo("每 15 分钟");
            assertThat(nextFires().getFirst()).contains("2026年5月1日", "星期五", "08:15");
        }
    }

    @Test
    void showsAStoredTrigger() {
        showEditor(Locale.ENGLISH);

        editor.setValue(new Trigger.Weekly(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), LocalTime.of(6, 0)));

        assertThat(shownFields()).containsExactly("trigger-time", "trigger-days");
        assertThat(days().getValue()).containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
        assertThat(time().getValue()).isEqualTo(LocalTime.of(6, 0));
        assertThat(description()).isEqualTo("Every Friday and Saturday at 06:00");
    }
}
