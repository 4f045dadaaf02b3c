package io.gantry.workload;

import io.gantry.shared.WorkloadPages;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links for the references the broker's requests carry ("workload:17"): each kind says where its workloads' pages
 * are. Whoever opens the link is checked by that page's service, as for any address typed by hand.
 */
@Component
class WorkloadLinks implements WorkloadPages {

    /** How {@link Workloads} names a workload in the requests it makes of the broker. */
    static final String REFERENCE_PREFIX = "workload:";

    private final WorkloadRepository repository;
    private final ObjectProvider<WorkloadKind> kinds;

    WorkloadLinks(WorkloadRepository repository, ObjectProvider<WorkloadKind> kinds) {
        this.repository = repository;
        this.kinds = kinds;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, String> pages(Collection<String> references) {
        Map<Long, String> byId = new HashMap<>();
        for (String reference : references) {
            id(reference).ifPresent(id -> byId.put(id, reference));
        }
        if (byId.isEmpty()) {
            return Map.of();
        }
        List<Workload> shown = repository.find(byId.keySet()).stream()
                .filter(w -> w.phase() != Phase.DELETED).toList();
        Map<String, String> pages = new HashMap<>();
        shown.stream().collect(Collectors.groupingBy(Workload::kind)).forEach((kind, workloads) ->
                kinds.stream().filter(k -> k.name().equals(kind)).findFirst().ifPresent(k ->
                        k.pages(workloads).forEach((id, page) -> pages.put(byId.get(id), page))));
        return pages;
    }

    /** The workload id of a reference written as the broker's requests carry it. */
    static Optional<Long> id(String reference) {
        if (reference == null || !reference.startsWith(REFERENCE_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(reference.substring(REFERENCE_PREFIX.length())));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
