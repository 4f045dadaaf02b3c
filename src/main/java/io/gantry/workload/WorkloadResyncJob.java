package io.gantry.workload;

import io.gantry.shared.PeriodicJobs;
import io.gantry.shared.SystemTask;
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
 * The periodic resync: every unsettled workload is reconciled, so that a lost event, a process killed from outside or
 * a time rule coming due is acted on within one interval. Quartz's clustered JDBC store fires it on one replica at a
 * time; workloads another replica's local runtime holds are left to that replica's own resync below.
 */
@DisallowConcurrentExecution
public class WorkloadResyncJob extends QuartzJobBean {

    private WorkloadReconciler reconciler;
    private SystemTask system;

    @Autowired
    void setReconciler(WorkloadReconciler reconciler, SystemTask system) {
        this.reconciler = reconciler;
        this.system = system;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        system.run(() -> {
            reconciler.resync();
            return null;
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        JobDetail workloadResyncJob() {
            return PeriodicJobs.job(WorkloadResyncJob.class, "workload-resync", "workload");
        }

        @Bean
        Trigger workloadResyncTrigger(JobDetail workloadResyncJob,
                                      @Value("${gantry.workloads.resync-interval:15s}") Duration interval) {
            return PeriodicJobs.every(workloadResyncJob, interval);
        }
    }
}
