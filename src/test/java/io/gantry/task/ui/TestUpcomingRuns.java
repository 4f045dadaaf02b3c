package io.gantry.task.ui;

import io.gantry.task.UpcomingRun;
import io.gantry.task.UpcomingRuns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Runs ahead for the task list's tests, beside whatever the schedules offer: a test plans a run in its own project and
 * sees whether it was skipped. Empty unless a test planned something, so other tests see no difference.
 */
@Component
public class TestUpcomingRuns implements UpcomingRuns {

    private static final Map<Long, List<UpcomingRun>> PLANNED = new ConcurrentHashMap<>();
    private static final List<UpcomingRun> SKIPPED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static void plan(long projectId, UpcomingRun run) {
        PLANNED.computeIfAbsent(projectId, p -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(run);
    }

    static List<UpcomingRun> skipped() {
        return List.copyOf(SKIPPED);
    }

    static void forget(long projectId) {
        PLANNED.remove(projectId);
    }

    @Override
    public List<UpcomingRun> upcoming(long projectId) {
        return new ArrayList<>(PLANNED.getOrDefault(projectId, List.of()));
    }

    @Override
    public void skip(long scheduleId, Instant at) {
        PLANNED.values().forEach(runs -> runs.stream().filter(r -> r.scheduleId() == scheduleId && r.at().equals(at))
                .forEach(r -> {
                    SKIPPED.add(r);
                    runs.remove(r);
                }));
    }
}
