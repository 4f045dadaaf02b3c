package io.gantry.schedule.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.shared.FieldProblem;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What is wrong with a cron expression, as a problem on the trigger field. */
class CronRulesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private static Optional<FieldProblem> problem(String cron) {
        return CronRules.problem(cron, NOW);
    }

    @Test
    void acceptsEveryKindTheEditorWrites() {
        assertThat(problem(new Trigger.EveryMinutes(1).cron())).isEmpty();
        assertThat(problem(new Trigger.Monthly(31, LocalTime.NOON).cron())).isEmpty();
        assertThat(problem("0 15 10 ? * MON-FRI")).isEmpty();
    }

    @Test
    void refusesABlankExpression() {
        assertThat(problem("  ")).hasValueSatisfying(problem -> {
            assertThat(problem.field()).isEqualTo("trigger");
            assertThat(problem.messageKey()).isEqualTo(CronRules.BLANK);
        });
        assertThat(problem(null)).map(FieldProblem::messageKey).hasValue(CronRules.BLANK);
    }

    @Test
    void refusesAnInvalidExpressionWithQuartzsReason() {
        assertThat(problem("0 0 25 * * ?")).hasValueSatisfying(problem -> {
            assertThat(problem.field()).isEqualTo("trigger");
            assertThat(problem.messageKey()).isEqualTo(CronRules.INVALID);
            assertThat(problem.arguments()).containsExactly("Hour values must be between 0 and 23");
        });
        // Unix cron's five fields are not Quartz's six.
        assertThat(problem("*/5 * * * *")).map(FieldProblem::messageKey).hasValue(CronRules.INVALID);
    }

    @Test
    void refusesFiringMoreThanOnceAMinute() {
        assertThat(problem("0/30 * * * * ?")).map(FieldProblem::messageKey).hasValue(CronRules.TOO_OFTEN);
        assertThat(problem("* * * * * ?")).map(FieldProblem::messageKey).hasValue(CronRules.TOO_OFTEN);
        // Twice in one minute of the day is still twice a minute.
        assertThat(problem("0,30 0 3 * * ?")).map(FieldProblem::messageKey).hasValue(CronRules.TOO_OFTEN);
        assertThat(problem("59 0/1 * * * ?")).isEmpty();
    }

    @Test
    void refusesAnExpressionThatNeverFiresAgain() {
        assertThat(problem("0 0 12 1 1 ? 2025")).map(FieldProblem::messageKey).hasValue(CronRules.NEVER_FIRES);
        assertThat(problem("0 0 0 30 2 ?")).map(FieldProblem::messageKey).hasValue(CronRules.NEVER_FIRES);
        assertThat(problem("0 0 12 1 1 ? 2027")).isEmpty();
    }
}
