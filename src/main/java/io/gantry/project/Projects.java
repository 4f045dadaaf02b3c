package io.gantry.project;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects as other modules read them on the platform's behalf. No user check and no signed-in user read here: the
 * caller decides what to do with the answer. Joins the caller's transaction. People read and change projects through
 * {@link ProjectService}.
 */
@Component
public class Projects {

    private final ProjectRepository repository;

    Projects(ProjectRepository repository) {
        this.repository = repository;
    }

    /** What the broker must respect of every project: quotas, per-user maximums and the longest job. */
    @Transactional(readOnly = true)
    public List<SchedulingLimits> schedulingLimits() {
        return repository.all().stream()
                .map(p -> new SchedulingLimits(p.id(), repository.quotas(p.id()), p.limits().maxJobHours()))
                .toList();
    }
}
