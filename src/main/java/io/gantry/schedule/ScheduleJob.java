package io.gantry.schedule;

import io.gantry.shared.PeriodicJobs;
import io.gantry.shared.SystemTask;
import java.time.Clock;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Looks for due fires of every schedule, every ten seconds ({@code gantry.schedule.tick-cron}). Quartz's clustered
 * JDBC store runs it on one replica at a time; should two runs meet anyway, {@link ScheduleFiring} records each fire
 * once. A tick missed while Gantry was down is fired once on start (fire and proceed); the schedules' own misfire
 * rule then decides what their missed fires come to.
 */
@DisallowConcurrentExecution
public class ScheduleJob extends QuartzJobBean {

    private ScheduleFiring firing;
    private SystemTask system;
    private Clock clock;

    @Autowired
    void setFiring(ScheduleFiring firing, SystemTask system, Clock clock) {
        this.firing = firing;
        this.system = system;
        this.clock = clock;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        system.run(() -> firing.tick(clock.instant()));
    }

    @Configuration(proxyBeanMethods = false)
    static class Timing {

        @Bean
        JobDetail scheduleFiringJob() {
            return PeriodicJobs.job(ScheduleJob.class, "schedule-firing", "schedule");
        }

        @Bean
        Trigger scheduleFiringTrigger(JobDetail scheduleFiringJob,
                                      @Value("${gantry.schedule.tick-cron:0/10 * * * * ?}") String cron) {
            return PeriodicJobs.onCron(scheduleFiringJob, cron);
        }
    }
}
