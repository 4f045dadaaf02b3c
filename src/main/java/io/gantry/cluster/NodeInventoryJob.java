package io.gantry.cluster;

import io.gantry.runtime.WorkloadRuntime;
import io.gantry.shared.PeriodicJobs;
import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The periodic node sync of a cluster runtime ({@code gantry.cluster.inventory-interval}): Quartz's clustered store
 * fires it on one replica at a time. A cluster that does not answer leaves the inventory as it is until the next one.
 */
@DisallowConcurrentExecution
public class NodeInventoryJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(NodeInventoryJob.class);

    private RuntimeNodeInventory inventory;

    @Autowired
    void setInventory(RuntimeNodeInventory inventory) {
        this.inventory = inventory;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        try {
            inventory.sync();
        } catch (WorkloadRuntime.Unavailable e) {
            log.warn("Nodes not synced: the runtime is unavailable ({}); the next sync tries again", e.getMessage());
        }
    }

    /** Only where the runtime keeps the inventory: the local runtime has none to sync from. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "gantry.runtime.type", havingValue = "kubernetes")
    static class Schedule {

        @Bean
        JobDetail nodeInventoryJob() {
            return PeriodicJobs.job(NodeInventoryJob.class, "node-inventory", "cluster");
        }

        @Bean
        Trigger nodeInventoryTrigger(JobDetail nodeInventoryJob,
                                     @Value("${gantry.cluster.inventory-interval:30s}") Duration interval) {
            return PeriodicJobs.every(nodeInventoryJob, interval);
        }
    }
}
