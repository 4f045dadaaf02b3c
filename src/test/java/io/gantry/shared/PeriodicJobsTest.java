package io.gantry.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;

class PeriodicJobsTest {

    static class Noop implements Job {
        @Override
        public void execute(JobExecutionContext context) {
        }
    }

    private final JobDetail job = PeriodicJobs.job(Noop.class, "noop", "tests");

    @Test
    void aJobIsDurableSoThatItsTriggerCanBeReplaced() {
        assertThat(job.isDurable()).isTrue();
        assertThat(job.getKey().getName()).isEqualTo("noop");
        assertThat(job.getKey().getGroup()).isEqualTo("tests");
        assertThat(job.getJobClass()).isEqualTo(Noop.class);
    }

    @Test
    void anIntervalTriggerRepeatsForeverAndDropsMissedFires() {
        Trigger trigger = PeriodicJobs.every(job, Duration.ofSeconds(15));

        assertThat(trigger).isInstanceOfSatisfying(SimpleTrigger.class, simple -> {
            assertThat(simple.getRepeatInterval()).isEqualTo(15_000);
            assertThat(simple.getRepeatCount()).isEqualTo(SimpleTrigger.REPEAT_INDEFINITELY);
        });
        assertThat(trigger.getMisfireInstruction())
                .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT);
        assertThat(trigger.getJobKey()).isEqualTo(job.getKey());
        assertThat(trigger.getKey().getName()).isEqualTo("noop");
        assertThat(trigger.getKey().getGroup()).isEqualTo("tests");
    }

    @Test
    void aCronTriggerFiresAMissedRunOnceAndGoesOn() {
        Trigger trigger = PeriodicJobs.onCron(job, "5 * * * * ?");

        assertThat(trigger).isInstanceOfSatisfying(CronTrigger.class,
                cron -> assertThat(cron.getCronExpression()).isEqualTo("5 * * * * ?"));
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        assertThat(trigger.getJobKey()).isEqualTo(job.getKey());
    }
}
