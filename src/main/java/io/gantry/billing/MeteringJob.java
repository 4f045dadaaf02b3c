package io.gantry.billing;

import io.gantry.shared.PeriodicJobs;
import io.gantry.shared.SystemTask;
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
 * Runs {@link Metering} at the start of every minute. Quartz's clustered JDBC store fires it on one replica at a time;
 * should two runs meet anyway (a misfire, a run by hand), the wallet locks and the ledger's (workload, minute) key
 * still charge each minute once. A run missed while Gantry was down is fired once on start (fire and proceed), and
 * that run catches up every minute missed.
 */
@DisallowConcurrentExecution
public class MeteringJob extends QuartzJobBean {

    private Metering metering;
    private SystemTask system;

    @Autowired
    void setMetering(Metering metering, SystemTask system) {
        this.metering = metering;
        this.system = system;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        system.run(metering::tick);
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        JobDetail meteringJob() {
            return PeriodicJobs.job(MeteringJob.class, "metering", "billing");
        }

        @Bean
        Trigger meteringTrigger(JobDetail meteringJob,
                                // A few seconds into each minute, so that the minute just ended is complete on every
                                // replica's clock.
                                @Value("${gantry.billing.metering-cron:5 * * * * ?}") String cron) {
            return PeriodicJobs.onCron(meteringJob, cron);
        }
    }
}
