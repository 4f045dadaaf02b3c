package io.gantry.container;

import io.gantry.runtime.WorkloadSpec;
import io.gantry.workload.Workload;
import io.gantry.workload.WorkloadKind;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Containers as a kind of workload: what the runtime starts for one is its sign-in, Jupyter and terminal. */
@Component
class ContainerKind implements WorkloadKind {

    private final ContainerRepository repository;
    private final ContainerAccess access;

    ContainerKind(ContainerRepository repository, ContainerAccess access) {
        this.repository = repository;
        this.access = access;
    }

    @Override
    public String name() {
        return ContainerRepository.KIND;
    }

    @Override
    public WorkloadSpec spec(Workload workload) {
        return access.workloadSpec(repository.byWorkload(workload.id()).orElseThrow(), workload);
    }

    @Override
    public String page(Workload workload) {
        return "containers/" + repository.byWorkload(workload.id()).orElseThrow().id();
    }

    @Override
    public Map<Long, String> pages(Collection<Workload> workloads) {
        Map<Long, String> pages = new HashMap<>();
        repository.idsByWorkload(workloads.stream().map(Workload::id).toList())
                .forEach((workloadId, containerId) -> pages.put(workloadId, "containers/" + containerId));
        return pages;
    }
}
