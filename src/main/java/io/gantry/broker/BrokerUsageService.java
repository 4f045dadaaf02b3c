package io.gantry.broker;

import io.gantry.shared.WorkloadUsage;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What placed requests hold, for projects and monitoring. */
@Component
class BrokerUsageService implements WorkloadUsage {

    private final BrokerRepository repository;

    BrokerUsageService(BrokerRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public int runningIn(long projectId) {
        return repository.runningIn(projectId);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Integer> devicesHeldBy(long projectId) {
        return repository.devicesHeldBy(projectId);
    }

    @Override
    @Transactional(readOnly = true)
    public int devicesInUseOn(long nodeId) {
        return repository.devicesInUseOn(nodeId);
    }
}
