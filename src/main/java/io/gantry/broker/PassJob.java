package io.gantry.broker;

import io.gantry.shared.PeriodicJobs;
import java.time.Duration;
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
 * The periodic scheduling pass, besides the one after every change: it places what became possible without a change
 * in Gantry (a node uncordoned in the cluster, time passing a reservation). Quartz's clustered JDBC store fires each
 * trigger on one replica only; a missed fire is skipped, as the next one does the same work.
 */
@DisallowConcurrentExecution
class PassJob extends QuartzJobBean {

    private Passes passes;

    @Autowired
    void setPasses(Passes passes) {
        this.passes = passes;
    }

    /** A pass needs no signed-in user: it reads through other modules' internal APIs and logs as the platform. */
    @Override
    protected void executeInternal(JobExecutionContext context) {
        passes.run();
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        JobDetail brokerPassJob() {
            return PeriodicJobs.job(PassJob.class, "broker-pass", "broker");
        }

        @Bean
        Trigger brokerPassTrigger(JobDetail brokerPassJob,
                                  @Value("${gantry.broker.pass-interval:30s}") Duration interval) {
            return PeriodicJobs.every(brokerPassJob, interval);
        }
    }
}
