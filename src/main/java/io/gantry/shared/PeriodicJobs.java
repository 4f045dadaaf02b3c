package io.gantry.shared;

import java.time.Duration;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * The shape every periodic job of the platform takes in Quartz's clustered store: a durable job, and one trigger of
 * the same name that repeats it, so that each fire runs on one replica only.
 */
public final class PeriodicJobs {

    private PeriodicJobs() {
    }

    public static JobDetail job(Class<? extends Job> type, String name, String group) {
        return JobBuilder.newJob(type).withIdentity(name, group).storeDurably().build();
    }

    /**
     * Every {@code interval}. Fires missed while no replica ran are dropped: each run does all the work due, so the
     * next one catches up.
     */
    public static Trigger every(JobDetail job, Duration interval) {
        return trigger(job).withSchedule(SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount()).build();
    }

    /** At the times of a Quartz cron expression. A fire missed while no replica ran runs once at start, then on. */
    public static Trigger onCron(JobDetail job, String cron) {
        return trigger(job).withSchedule(CronScheduleBuilder.cronSchedule(cron)
                .withMisfireHandlingInstructionFireAndProceed()).build();
    }

    private static TriggerBuilder<Trigger> trigger(JobDetail job) {
        return TriggerBuilder.newTrigger().forJob(job).withIdentity(job.getKey().getName(), job.getKey().getGroup());
    }
}
