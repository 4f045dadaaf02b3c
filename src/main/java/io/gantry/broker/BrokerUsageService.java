package io.gantry.broker;

import io.gantry.shared.WorkloadUsage;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What placed requests hold, for projects and monitoring: one grouped query per list. */
@Component
class BrokerUsageService implements WorkloadUsage {

    private final BrokerRepository repository;

    BrokerUsageService(BrokerRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, ProjectUse> useByProject(Collection<Long> projectIds) {
        return repository.useByProject(projectIds);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Integer> devicesInUseByNode(Collection<Long> nodeIds) {
        return repository.devicesInUseByNode(nodeIds);
    }

    @Override
    @Transactional(readOnly = true)
    public int devicesInUse() {
        return repository.devicesInUse();
    }
}
