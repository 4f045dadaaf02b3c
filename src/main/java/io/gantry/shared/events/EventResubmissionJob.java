package io.gantry.shared.events;

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
 * The periodic redelivery of events between modules that no listener has completed. Quartz's clustered JDBC store
 * fires the trigger on one replica at a time, so replicas do not redeliver the same publication together; a missed
 * fire is skipped, as the next one does the same work. The listeners run on threads of their own
 * ({@code @ApplicationModuleListener} is asynchronous), never on Quartz's.
 */
@DisallowConcurrentExecution
public class EventResubmissionJob extends QuartzJobBean {

    private EventResubmission resubmission;

    @Autowired
    void setResubmission(EventResubmission resubmission) {
        this.resubmission = resubmission;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        resubmission.resubmit();
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        JobDetail eventResubmissionJob() {
            return PeriodicJobs.job(EventResubmissionJob.class, "event-resubmission", "events");
        }

        @Bean
        Trigger eventResubmissionTrigger(JobDetail eventResubmissionJob,
                                         @Value("${gantry.events.resubmit-interval:1m}") Duration interval) {
            return PeriodicJobs.every(eventResubmissionJob, interval);
        }
    }
}
